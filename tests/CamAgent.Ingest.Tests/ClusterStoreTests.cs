using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CamAgent.Core.Upload;
using CamAgent.Ingest.Cluster;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Provisioning;
using CamAgent.Verification.Audit;
using CamAgent.Verification.Revocation;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The cluster store on a real PostgreSQL and a real S3 server (Ceph's RADOS gateway), both
/// started for this class by tools/cluster/start-test-cluster.sh: 200 cameras on two `camagent
/// serve` nodes behind a TCP balancer, one node SIGKILLed mid-run; sequence conflicts across
/// nodes; object lock; the revocations table, and what the nodes answer while it or the whole
/// database cannot be asked.
/// </summary>
public sealed class ClusterStoreTests : IClassFixture<TestCluster>
{
    private static readonly bool Soak = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    private readonly TestCluster _cluster;

    public ClusterStoreTests(TestCluster cluster)
    {
        _cluster = cluster;
    }

    // 200 cameras, each on its own thread with the device's tus client, send 2 segments each (6
    // under CAMAGENT_SOAK=1) through the balancer. The first node is killed once records are
    // stored and, at the same moment, uploads are part-acknowledged on it.
    [Fact]
    public async Task Cameras_Finish_On_The_Surviving_Node_When_One_Is_SIGKILLed_And_Nothing_Is_Lost()
    {
        int segments = Soak ? 6 : 2;
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "kill");
        ProgressLog progress = ProgressLog.Install(nodes);
        await using var balancer = new TcpBalancer(nodes.Ports);
        var fleet = new Fleet(nodes, balancer.Port, segments, DateTime.UtcNow.AddMinutes(Soak ? 10 : 3));
        List<Thread> threads = Enumerable.Range(0, Fleet.Cameras).Select(i => new Thread(() => fleet.Run(i)) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        Assert.True(
            await progress.WaitForAsync(Fleet.Cameras * segments / 8, ClusterNodes.NodeName(0), Fleet.Cameras / 20, TimeSpan.FromMinutes(2)),
            "the run never had records stored and uploads part-acknowledged on the first node at once");
        long killing = progress.Mark("killing");
        nodes.KillFirst();
        long killed = progress.Mark("killed");
        threads.ForEach(t => Assert.True(t.Join(fleet.Deadline - DateTime.UtcNow + TimeSpan.FromSeconds(30)), "a camera did not finish"));

        Assert.True(fleet.Failures.IsEmpty, string.Join("\n", fleet.Failures.Take(10)));
        AssertKilledMidUpload(progress.Read(), killing, killed);
        string export = temp.Combine("export");
        Assert.Equal(0, CamAgentProcess.Run("store", "export", "--config", nodes.ConfigPaths[1], "--to", export));
        foreach ((string device, ulong sequence, byte[] content) in fleet.Uploaded)
        {
            string prefix = Path.Combine(export, "devices", device, sequence.ToString("D20"));
            Assert.Equal(content, File.ReadAllBytes(prefix + ".segment"));
            Assert.True(File.Exists(prefix + ".receipt.cose") && File.Exists(prefix + ".manifest.cose"), prefix);
        }

        AssertAuditHolds(export, Fleet.Cameras * segments);
        string root = temp.Combine("root-ca.crt.pem");
        File.WriteAllText(root, nodes.Pki.Root.ExportCertificatePem());
        Assert.Equal(0, CamAgentProcess.Run("verify", "--store", export, "--ca", root));
    }

    [Fact]
    public async Task Returns_409_Sequence_Conflict_On_One_Node_For_A_Sequence_Created_On_The_Other()
    {
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "conflict");
        var camera = new TestCamera(nodes.Pki.IssueDevice("cam-conflict"));
        byte[] first = camera.SealAt(0, RandomNumberGenerator.GetBytes(1000), new byte[32]);
        byte[] other = camera.SealAt(0, RandomNumberGenerator.GetBytes(1000), new byte[32]);
        using var nodeA = new Support.TusClient(new Uri($"https://127.0.0.1:{nodes.Ports[0]}/"), nodes.Pki.Root, camera.Certificate);
        using var nodeB = new Support.TusClient(new Uri($"https://127.0.0.1:{nodes.Ports[1]}/"), nodes.Pki.Root, camera.Certificate);

        HttpResponseMessage created = await nodeA.CreateAsync(first, 1000);
        HttpResponseMessage conflict = await nodeB.CreateAsync(other, 1000);
        HttpResponseMessage again = await nodeB.CreateAsync(first, 1000);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("sequence-conflict", Support.TusClient.Header(conflict, "CamAgent-Error"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(created.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task An_Evidence_Object_Under_Compliance_Lock_Cannot_Be_Deleted_Or_Replaced()
    {
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "lock");
        var camera = new TestCamera(nodes.Pki.IssueDevice("cam-lock"));
        byte[] content = RandomNumberGenerator.GetBytes(70_000);
        using (var client = new Support.TusClient(new Uri($"https://127.0.0.1:{nodes.Ports[0]}/"), nodes.Pki.Root, camera.Certificate))
        {
            HttpResponseMessage done = await client.UploadAsync(camera.Seal(content), content);
            Assert.NotNull(Support.TusClient.Header(done, "CamAgent-Receipt"));
        }

        using AmazonS3Client s3 = nodes.S3Client();
        string bucket = nodes.Cluster.EvidenceBucket;
        string key = "devices/cam-lock/" + 0UL.ToString("D20") + ".segment";
        string version = (await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = key })).Versions.Single().VersionId;
        GetObjectRetentionResponse retention = await s3.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = key, VersionId = version });
        Assert.Equal(ObjectLockRetentionMode.Compliance, retention.Retention.Mode);
        Assert.True(retention.Retention.RetainUntilDate > DateTime.UtcNow.AddHours(23));

        AmazonS3Exception refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = version }));
        Assert.Equal("AccessDenied", refused.ErrorCode);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "replacement" });
        await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = key, VersionId = version,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = DateTime.UtcNow.AddMinutes(1) },
        }));
        using GetObjectResponse original = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = version });
        using var bytes = new MemoryStream();
        await original.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(content, bytes.ToArray());
    }

    [Fact]
    public async Task A_Device_Revoked_In_The_Revocations_Table_Is_Refused_By_Both_Nodes_On_Open_Connections_And_Its_Stored_Record_Stays()
    {
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "revoke");
        var camera = new TestCamera(nodes.Pki.IssueDevice("cam-revoked"));
        var other = new TestCamera(nodes.Pki.IssueDevice("cam-other"));
        using Support.TusClient toNode0 = NodeClient(nodes, 0, camera);
        using Support.TusClient toNode1 = NodeClient(nodes, 1, camera);

        // Before the revocation: record 0 stored through node 0, record 1 part-uploaded through node 1.
        byte[] storedContent = RandomNumberGenerator.GetBytes(40_000);
        byte[] storedManifest = camera.Seal(storedContent);
        HttpResponseMessage stored = await toNode0.UploadAsync(storedManifest, storedContent);
        byte[] receipt = Convert.FromBase64String(Support.TusClient.Header(stored, "CamAgent-Receipt")!);
        byte[] openContent = RandomNumberGenerator.GetBytes(40_000);
        string open = (await toNode1.CreateAsync(camera.Seal(openContent), openContent.Length)).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NoContent, (await toNode1.PatchAsync(open, 0, openContent, 0, 16_384)).StatusCode);

        await RevokeAsync(nodes, camera.Certificate, "cam-revoked reported lost");

        // Refused by both nodes from the next request on, on the connections the camera already had open.
        byte[] next = RandomNumberGenerator.GetBytes(1_000);
        HttpResponseMessage[] refused =
        [
            await toNode0.HeadAsync("/files/" + TestCamera.UploadIdOf(camera.DeviceId, 0)),
            await toNode0.CreateAsync(camera.Seal(next), next.Length),
            await toNode1.PatchAsync(open, 16_384, openContent, 16_384, 16_384),
            await toNode1.HeadAsync(open),
        ];
        Assert.All(refused, r => Assert.Equal((HttpStatusCode.Forbidden, "device-revoked"), (r.StatusCode, Support.TusClient.Header(r, "CamAgent-Error"))));
        Assert.Equal((1, 1), (toNode0.Connections, toNode1.Connections));

        // Other devices are served by both nodes as before.
        for (int node = 0; node < 2; node++)
        {
            using Support.TusClient client = NodeClient(nodes, node, other);
            byte[] content = RandomNumberGenerator.GetBytes(20_000);
            Assert.NotNull(Support.TusClient.Header(await client.UploadAsync(other.Seal(content), content), "CamAgent-Receipt"));
        }

        // The refusals changed nothing: record 1 is still open at the offset acknowledged before,
        // no record 2 exists, and record 0 is in the evidence bucket as it was stored.
        Assert.Equal(
            [(0m, "stored", 40_000L), (1m, "open", 16_384L)],
            await QueryAsync(nodes, "SELECT sequence, state, offset_bytes FROM records WHERE device_id = 'cam-revoked' ORDER BY sequence",
                r => (r.GetDecimal(0), r.GetString(1), r.GetInt64(2))));
        string export = temp.Combine("export");
        Assert.Equal(0, CamAgentProcess.Run("store", "export", "--config", nodes.ConfigPaths[1], "--to", export));
        string prefix = Path.Combine(export, "devices", camera.DeviceId, 0UL.ToString("D20"));
        Assert.Equal(storedContent, File.ReadAllBytes(prefix + ".segment"));
        Assert.Equal(storedManifest, File.ReadAllBytes(prefix + ".manifest.cose"));
        Assert.Equal(receipt, File.ReadAllBytes(prefix + ".receipt.cose"));
        string root = temp.Combine("root-ca.crt.pem");
        File.WriteAllText(root, nodes.Pki.Root.ExportCertificatePem());
        Assert.Equal(0, CamAgentProcess.Run("verify", "--store", export, "--ca", root));

        // Every refusal is in the audit chain, with the device's serial.
        Assert.True(AuditLogVerifier.Verify(Path.Combine(export, "audit.log")).IsValid);
        string serial = "\"serial\":\"" + RevocationList.Normalize(camera.Certificate.SerialNumber) + "\"";
        Assert.Equal(4, File.ReadLines(Path.Combine(export, "audit.log")).Count(l => l.Contains("\"code\":\"device-revoked\"", StringComparison.Ordinal) && l.Contains(serial, StringComparison.Ordinal)));
    }

    // A row written into the table by hand (lower case, leading zeros, colons) would never match
    // the serial a node compares and would revoke nothing: the table refuses it. A table made
    // before that rule gets it at the next schema creation (node start or `camagent revoke`),
    // with such rows added again in the compared form, and the device is refused from then on.
    [Fact]
    public async Task The_Revocations_Table_Refuses_A_Serial_In_Another_Form_And_Takes_Over_Such_Rows_Of_An_Earlier_Table()
    {
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "revform");
        var camera = new TestCamera(nodes.Pki.IssueDevice("cam-handwritten"));
        string handwritten = "00:" + string.Join(':', Convert.FromHexString(camera.Certificate.SerialNumber).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        const string insert = "INSERT INTO revocations (serial, note) VALUES (@s, 'written by hand')";

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ExecuteAsync(nodes, insert, ("s", handwritten)));
        Assert.Equal(("23514", "revocations_serial_normalised"), (refused.SqlState, refused.ConstraintName));
        Assert.Empty(await QueryAsync(nodes, "SELECT serial FROM revocations", r => r.GetString(0)));

        // As an earlier version's table: without the rule, holding the hand-written row (and one
        // that is no serial at all). The device is still served: the row matches nothing.
        await ExecuteAsync(nodes, "ALTER TABLE revocations DROP CONSTRAINT revocations_serial_normalised");
        await ExecuteAsync(nodes, insert, ("s", handwritten));
        await ExecuteAsync(nodes, insert, ("s", "not-a-serial"));
        using Support.TusClient client = NodeClient(nodes, 0, camera);
        byte[] content = RandomNumberGenerator.GetBytes(20_000);
        Assert.NotNull(Support.TusClient.Header(await client.UploadAsync(camera.Seal(content), content), "CamAgent-Receipt"));

        // The next revocation (another device) creates the schema again: the rule is back and the
        // row is there in the compared form, so the device is refused on its open connection.
        Assert.Equal(1, ClusterRevocationTable.Add(IngestOptionsFile.Load(nodes.ConfigPaths[1]), ["A1B2C3"], "another camera"));
        string normalised = RevocationList.Normalize(camera.Certificate.SerialNumber);
        Assert.Equal(
            new[] { "A1B2C3", handwritten, normalised, "not-a-serial" }.Order(StringComparer.Ordinal),
            await QueryAsync(nodes, "SELECT serial FROM revocations ORDER BY serial COLLATE \"C\"", r => r.GetString(0)));
        Assert.Equal("written by hand", (await QueryAsync(nodes, "SELECT note FROM revocations WHERE serial = '" + normalised + "'", r => r.GetString(0))).Single());
        byte[] next = RandomNumberGenerator.GetBytes(1_000);
        HttpResponseMessage answer = await client.CreateAsync(camera.Seal(next), next.Length);
        Assert.Equal((HttpStatusCode.Forbidden, "device-revoked"), (answer.StatusCode, Support.TusClient.Header(answer, "CamAgent-Error")));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ExecuteAsync(nodes, insert, ("s", "0" + normalised)));
    }

    [Fact]
    public async Task Camagent_Revoke_With_A_Cluster_Config_Puts_Every_Serial_The_Device_Had_In_The_Table_Once()
    {
        using var temp = new TempDirectory();
        string pkiFolder = temp.Combine("pki");
        AgencyPki pki = AgencyPki.Initialize(pkiFolder, "Example PD", "evidence.example.gov", null, DateTimeOffset.UtcNow).Value!;
        var registry = new DeviceRegistry(pki);
        Assert.True(registry.EnrolGenerated("cam-lost", null, DateTimeOffset.UtcNow).Ok);
        Assert.True(registry.Renew("cam-lost", null, DateTimeOffset.UtcNow).Ok);
        Assert.True(registry.EnrolGenerated("cam-kept", null, DateTimeOffset.UtcNow).Ok);
        IReadOnlyList<string> serials = registry.SerialsOf(registry.Find("cam-lost", DateTimeOffset.UtcNow).Value!);
        Assert.Equal(2, serials.Count);
        string store = "t" + Guid.NewGuid().ToString("N")[..10] + "revcli";
        IngestOptions options = new TestPki().WriteServerFiles(temp.Combine("config"), temp.Combine("unused-store"));
        options.Cluster = _cluster.OptionsFor(store, temp.Combine("config"));
        string config = ServerProcess.WriteConfig(options, temp.Combine("config", "node.json"));

        Assert.Equal(0, CamAgentProcess.Run("revoke", "--pki", pkiFolder, "--device", "cam-lost", "--reason", "reported lost", "--cluster-config", config));
        Assert.Equal(0, CamAgentProcess.Run("revoke", "--pki", pkiFolder, "--device", "cam-lost", "--cluster-config", config));

        await using Npgsql.NpgsqlDataSource database = Npgsql.NpgsqlDataSource.Create(options.Cluster.Postgres);
        await using Npgsql.NpgsqlCommand query = database.CreateCommand("SELECT serial, note FROM revocations ORDER BY serial");
        await using Npgsql.NpgsqlDataReader reader = await query.ExecuteReaderAsync();
        var rows = new List<(string Serial, string Note)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        Assert.Equal(serials.Select(RevocationList.Normalize).Order(StringComparer.Ordinal), rows.Select(r => r.Serial));
        Assert.All(rows, r => Assert.Matches("^cam-lost revoked .* reported lost$", r.Note));
        string keptSerial = registry.Find("cam-kept", DateTimeOffset.UtcNow).Value!.SerialHex;
        Assert.DoesNotContain(RevocationList.Normalize(keptSerial), rows.Select(r => r.Serial));

        // A database that does not answer: the list file is written, the command says the table
        // was not and fails (6), and running it again once the database answers adds the serials.
        options.Cluster.Postgres = new Npgsql.NpgsqlConnectionStringBuilder(options.Cluster.Postgres) { Port = ServerProcess.FreePort(), Timeout = 2 }.ConnectionString;
        string unreachable = ServerProcess.WriteConfig(options, temp.Combine("config", "unreachable.json"));
        Assert.True(registry.EnrolGenerated("cam-stolen", null, DateTimeOffset.UtcNow).Ok);
        Assert.Equal(6, CamAgentProcess.Run("revoke", "--pki", pkiFolder, "--device", "cam-stolen", "--cluster-config", unreachable));
        string stolen = registry.Find("cam-stolen", DateTimeOffset.UtcNow).Value!.SerialHex;
        Assert.True(RevocationListFile.Load(pki.Layout.RevocationListFile).Value!.IsRevoked(stolen));
        Assert.Equal(0, CamAgentProcess.Run("revoke", "--pki", pkiFolder, "--device", "cam-stolen", "--cluster-config", config));
        await using Npgsql.NpgsqlCommand count = database.CreateCommand("SELECT count(*) FROM revocations");
        Assert.Equal(3L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Refuses_With_503_Revocation_List_Unusable_On_Both_Nodes_While_The_Revocations_Table_Cannot_Be_Read()
    {
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "revtable");
        using PartUpload upload = await StartPartUploadAsync(nodes, "cam-unasked");
        (Support.TusClient toNode0, Support.TusClient toNode1, byte[] content, byte[] manifest, string location) = upload;

        await ExecuteAsync(nodes, "ALTER TABLE revocations RENAME TO revocations_away");
        HttpResponseMessage[] refused =
        [
            await toNode0.PatchAsync(location, 16_384, content, 16_384, 16_384),
            await toNode1.HeadAsync(location),
            await toNode1.CreateAsync(manifest, content.Length),
        ];
        Assert.All(refused, AssertRetryLater("revocation-list-unusable"));
        Assert.Equal([16_384L], await QueryAsync(nodes, "SELECT offset_bytes FROM records", r => r.GetInt64(0)));

        // Asked again on every request: once the table can be read, the upload goes on where it stood.
        await ExecuteAsync(nodes, "ALTER TABLE revocations_away RENAME TO revocations");
        await FinishOnAsync(toNode1, location, content, 16_384);
        Assert.Equal([3L], await QueryAsync(nodes, "SELECT count(*) FROM audit WHERE convert_from(line, 'UTF8') LIKE '%\"code\":\"revocation-list-unusable\"%'", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task Refuses_Every_Request_With_503_On_Both_Nodes_While_PostgreSQL_Is_Unreachable_And_Goes_On_Afterwards()
    {
        await using DatabaseLinkRig rig = await DatabaseLinkRig.StartAsync(_cluster, "nodb");
        (ClusterNodes nodes, TcpBalancer databaseLink) = (rig.Nodes, rig.Link);
        (Support.TusClient toNode0, Support.TusClient toNode1, byte[] content, byte[] manifest, string location) = rig.Upload;

        databaseLink.Cut();
        HttpResponseMessage[] refused =
        [
            await toNode0.PatchAsync(location, 16_384, content, 16_384, 16_384),
            await toNode1.HeadAsync(location),
            await toNode1.CreateAsync(manifest, content.Length),
            await toNode0.HeadAsync(location),
        ];
        Assert.All(refused, AssertRetryLater("storage-unavailable"));
        Assert.Equal([16_384L], await QueryAsync(nodes, "SELECT offset_bytes FROM records", r => r.GetInt64(0)));

        databaseLink.Restore();
        await FinishOnAsync(toNode1, location, content, 16_384);
        Assert.Equal(HttpStatusCode.OK, (await toNode0.HeadAsync(location)).StatusCode);
    }

    // The database restarted (or the network to it dropped every connection) while no request
    // came: each node's pool still holds connections that broke meanwhile. The first request to
    // each node afterwards is served, not refused once per broken connection.
    [Fact]
    public async Task The_First_Request_To_Each_Node_After_The_Database_Dropped_Its_Connections_Is_Served()
    {
        await using DatabaseLinkRig rig = await DatabaseLinkRig.StartAsync(_cluster, "dbback");
        (ClusterNodes nodes, TcpBalancer databaseLink) = (rig.Nodes, rig.Link);
        (Support.TusClient toNode0, Support.TusClient toNode1, byte[] content, _, string location) = rig.Upload;
        Assert.Equal(HttpStatusCode.OK, (await toNode1.HeadAsync(location)).StatusCode);
        for (int node = 0; node < 2; node++)
        {
            Assert.True(
                (await QueryAsync(nodes, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + ClusterNodes.NodeName(node) + "'", r => r.GetInt64(0))).Single() > 0,
                $"node {node} holds no database connection to lose");
        }

        databaseLink.Cut();
        databaseLink.Restore();

        Assert.Equal(HttpStatusCode.OK, (await toNode0.HeadAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await toNode1.HeadAsync(location)).StatusCode);
        HttpResponseMessage last = await toNode1.PatchAsync(location, 16_384, content, 16_384);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.NotNull(Support.TusClient.Header(last, "CamAgent-Receipt"));
    }

    // The kill came mid-upload: the killed node had acknowledged part of some uploads (its offset
    // compare-and-set committed), and after the kill the surviving node moved their offset on
    // from there and stored them. The killed node wrote nothing once it was gone.
    private static void AssertKilledMidUpload(List<ProgressLog.Change> changes, long killing, long killed)
    {
        string victim = ClusterNodes.NodeName(0);
        string survivor = ClusterNodes.NodeName(1);
        Assert.DoesNotContain(changes, c => c.Node == victim && c.N > killed);
        ILookup<string, ProgressLog.Change> byUpload = changes.ToLookup(c => c.UploadId);
        List<string> partlyAcknowledged = byUpload
            .Where(u => u.Any(c => c.Node == victim && c.State == "open" && c.OffsetBytes > 0 && c.OffsetBytes < c.LengthBytes))
            .Select(u => u.Key).ToList();
        List<string> resumed = partlyAcknowledged
            .Where(id => byUpload[id].Any(c => c.Node == survivor && c.State == "open" && c.N > killing)
                && byUpload[id].Any(c => c.Node == survivor && c.State == "stored"))
            .ToList();
        Assert.True(resumed.Count > 0, $"No upload part-acknowledged by the killed node was moved on and stored by the other after the kill ({partlyAcknowledged.Count} were part-acknowledged there).");
    }

    // Every record is named by a "stored" line: one the killed node stored without writing its
    // line (or whose answer it never sent) is named by the other node's HEAD that gave the camera
    // its receipt. Every line names a record in the store (`verify` checks it).
    private static void AssertAuditHolds(string export, int records)
    {
        AuditVerification audit = AuditLogVerifier.Verify(Path.Combine(export, "audit.log"));
        Assert.True(audit.IsValid, $"audit line {audit.FirstBadLine}: {audit.Problem}");
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(export, "audit.log")))
        {
            using JsonDocument entry = JsonDocument.Parse(line);
            if (entry.RootElement.GetProperty("code").GetString() == "stored")
            {
                named.Add(entry.RootElement.GetProperty("upload").GetString()!);
            }
        }

        Assert.Equal(records, named.Count);
    }

    // A camera with a client on each node, and an upload of 40,000 bytes whose first 16 KiB node 0 acknowledged.
    private static async Task<PartUpload> StartPartUploadAsync(ClusterNodes nodes, string deviceId)
    {
        var camera = new TestCamera(nodes.Pki.IssueDevice(deviceId));
        Support.TusClient toNode0 = NodeClient(nodes, 0, camera);
        Support.TusClient toNode1 = NodeClient(nodes, 1, camera);
        byte[] content = RandomNumberGenerator.GetBytes(40_000);
        byte[] manifest = camera.Seal(content);
        string location = (await toNode0.CreateAsync(manifest, content.Length)).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NoContent, (await toNode0.PatchAsync(location, 0, content, 0, 16_384)).StatusCode);
        return new PartUpload(toNode0, toNode1, content, manifest, location);
    }

    /// <summary>Two nodes that reach PostgreSQL through a link the test can cut, and a camera's upload part-stored through node 0.</summary>
    private sealed class DatabaseLinkRig : IAsyncDisposable
    {
        private readonly TempDirectory _temp;

        private DatabaseLinkRig(TempDirectory temp, TcpBalancer link, ClusterNodes nodes, PartUpload upload)
        {
            _temp = temp;
            Link = link;
            Nodes = nodes;
            Upload = upload;
        }

        public TcpBalancer Link { get; }

        public ClusterNodes Nodes { get; }

        public PartUpload Upload { get; }

        public static async Task<DatabaseLinkRig> StartAsync(TestCluster cluster, string name)
        {
            var temp = new TempDirectory();
            var link = new TcpBalancer(int.Parse(cluster.Settings["PG_PORT"], System.Globalization.CultureInfo.InvariantCulture));
            ClusterNodes nodes = ClusterNodes.Start(cluster, temp, name, link.Port);
            return new DatabaseLinkRig(temp, link, nodes, await StartPartUploadAsync(nodes, "cam-" + name));
        }

        public async ValueTask DisposeAsync()
        {
            Upload.Dispose();
            Nodes.Dispose();
            await Link.DisposeAsync();
            _temp.Dispose();
        }
    }

    private sealed record PartUpload(Support.TusClient ToNode0, Support.TusClient ToNode1, byte[] Content, byte[] Manifest, string Location) : IDisposable
    {
        public void Dispose()
        {
            ToNode0.Dispose();
            ToNode1.Dispose();
        }
    }

    private static Support.TusClient NodeClient(ClusterNodes nodes, int node, TestCamera camera) =>
        new(new Uri($"https://127.0.0.1:{nodes.Ports[node]}/"), nodes.Pki.Root, camera.Certificate);

    // Revokes through what `camagent revoke --cluster-config` uses, given the serial in lower case
    // with a leading zero: the table holds it in the one form every node compares.
    private static Task RevokeAsync(ClusterNodes nodes, System.Security.Cryptography.X509Certificates.X509Certificate2 device, string note)
    {
        Assert.Equal(1, ClusterRevocationTable.Add(IngestOptionsFile.Load(nodes.ConfigPaths[0]), ["0" + device.SerialNumber.ToLowerInvariant()], note));
        return Task.CompletedTask;
    }

    private static async Task ExecuteAsync(ClusterNodes nodes, string sql, params (string Name, object Value)[] parameters)
    {
        await using Npgsql.NpgsqlDataSource database = nodes.Database();
        await using Npgsql.NpgsqlCommand command = database.CreateCommand(sql);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(ClusterNodes nodes, string sql, Func<Npgsql.NpgsqlDataReader, T> read)
    {
        await using Npgsql.NpgsqlDataSource database = nodes.Database();
        await using Npgsql.NpgsqlCommand command = database.CreateCommand(sql);
        await using Npgsql.NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    // Fail closed, and tell the camera to come back: 503 with the code and Retry-After.
    private static Action<HttpResponseMessage> AssertRetryLater(string code) => response =>
    {
        Assert.Equal((HttpStatusCode.ServiceUnavailable, code), (response.StatusCode, Support.TusClient.Header(response, "CamAgent-Error")));
        Assert.NotNull(response.Headers.RetryAfter);
    };

    // What a camera does once the store answers again: HEAD until it stops answering 503 (as it
    // would after each Retry-After), then sends the rest from the offset it is told; the last
    // PATCH carries the receipt.
    private static async Task FinishOnAsync(Support.TusClient client, string location, byte[] content, long acknowledged)
    {
        HttpResponseMessage head = await client.HeadAsync(location);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(acknowledged.ToString(System.Globalization.CultureInfo.InvariantCulture), Support.TusClient.Header(head, "Upload-Offset"));
        HttpResponseMessage last = await client.PatchAsync(location, acknowledged, content, (int)acknowledged);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.NotNull(Support.TusClient.Header(last, "CamAgent-Receipt"));
    }

    /// <summary>Cameras uploading through the balancer, one thread each; what they sent and what failed.</summary>
    private sealed class Fleet(ClusterNodes nodes, int port, int segments, DateTime deadline)
    {
        public const int Cameras = 200;

        // Segments of 100-160 KB in PATCHes of the client's smallest size (one evidence chunk)
        // rather than its default 256 KiB: 7 to 10 acknowledged offsets per segment, so the kill
        // finds uploads part-acknowledged on the node it kills.
        public const int PatchSizeBytes = 16_384;

        public DateTime Deadline => deadline;

        public ConcurrentBag<string> Failures { get; } = new();

        public ConcurrentBag<(string DeviceId, ulong Sequence, byte[] Content)> Uploaded { get; } = new();

        public void Run(int index)
        {
            var camera = new CoreCamera(nodes.Pki, new TestCamera(nodes.Pki.IssueDevice($"cam-k{index:D3}")), port, PatchSizeBytes);
            for (int s = 0; s < segments; s++)
            {
                ulong sequence = camera.Camera.NextSequence;
                byte[] content = RandomNumberGenerator.GetBytes(100_000 + (index * 7919 % 60_000));
                var (status, receipt, why) = camera.Upload(content, deadline);
                if (status != UploadStatus.Completed || receipt != ReceiptCheckStatus.Valid)
                {
                    Failures.Add($"{camera.Camera.DeviceId} seq {sequence}: {status} receipt {receipt} {why}");
                }

                Uploaded.Add((camera.Camera.DeviceId, sequence, content));
            }

            camera.Close();
        }
    }
}

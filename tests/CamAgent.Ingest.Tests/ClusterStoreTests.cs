using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using CamAgent.Core.Upload;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The cluster store on a real PostgreSQL and a real S3 server (Ceph's RADOS gateway), both
/// started for this class by tools/cluster/start-test-cluster.sh: two `camagent serve` nodes
/// behind a TCP balancer, one SIGKILLed mid-run; sequence conflicts across nodes; object lock.
/// </summary>
public sealed class ClusterStoreTests : IClassFixture<TestCluster>
{
    private static readonly bool Soak = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    private readonly TestCluster _cluster;

    public ClusterStoreTests(TestCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task Cameras_Finish_On_The_Surviving_Node_When_One_Is_SIGKILLed_And_Nothing_Is_Lost()
    {
        int cameras = Soak ? 200 : 24;
        using var temp = new TempDirectory();
        using var nodes = ClusterNodes.Start(_cluster, temp, "kill");
        await using var balancer = new TcpBalancer(nodes.Ports);
        var fleet = new Fleet(nodes, balancer.Port, DateTime.UtcNow.AddMinutes(Soak ? 10 : 3));
        List<Thread> threads = Enumerable.Range(0, cameras).Select(i => new Thread(() => fleet.Run(i)) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        await nodes.KillFirstAfterStoredAsync(cameras / 2, TimeSpan.FromMinutes(2));
        threads.ForEach(t => Assert.True(t.Join(fleet.Deadline - DateTime.UtcNow + TimeSpan.FromSeconds(30)), "a camera did not finish"));

        Assert.True(fleet.Failures.IsEmpty, string.Join("\n", fleet.Failures.Take(10)));
        string export = temp.Combine("export");
        Assert.Equal(0, CamAgentProcess.Run("store", "export", "--config", nodes.ConfigPaths[1], "--to", export));
        foreach ((string device, ulong sequence, byte[] content) in fleet.Uploaded)
        {
            string prefix = Path.Combine(export, "devices", device, sequence.ToString("D20"));
            Assert.Equal(content, File.ReadAllBytes(prefix + ".segment"));
            Assert.True(File.Exists(prefix + ".receipt.cose") && File.Exists(prefix + ".manifest.cose"), prefix);
        }

        AssertAuditHolds(export, cameras * Fleet.SegmentsPerCamera, cameras);
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

    // A record stored by the killed node just before its audit line was written has no "stored"
    // line (the camera gets its receipt from the other node's HEAD): at most one per camera in
    // flight. Every line that is there names a record in the store (`verify` checks it).
    private static void AssertAuditHolds(string export, int records, int inFlight)
    {
        AuditVerification audit = AuditLogVerifier.Verify(Path.Combine(export, "audit.log"));
        Assert.True(audit.IsValid, $"audit line {audit.FirstBadLine}: {audit.Problem}");
        int storedLines = File.ReadLines(Path.Combine(export, "audit.log")).Count(l => l.Contains("\"code\":\"stored\"", StringComparison.Ordinal));
        Assert.InRange(storedLines, records - inFlight, records);
    }

    /// <summary>Cameras uploading through the balancer, one thread each; what they sent and what failed.</summary>
    private sealed class Fleet(ClusterNodes nodes, int port, DateTime deadline)
    {
        public const int SegmentsPerCamera = 2;

        public DateTime Deadline => deadline;

        public ConcurrentBag<string> Failures { get; } = new();

        public ConcurrentBag<(string DeviceId, ulong Sequence, byte[] Content)> Uploaded { get; } = new();

        public void Run(int index)
        {
            var camera = new CoreCamera(nodes.Pki, new TestCamera(nodes.Pki.IssueDevice($"cam-k{index:D3}")), port);
            for (int s = 0; s < SegmentsPerCamera; s++)
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

using System.Net;
using System.Security.Cryptography;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>Malformed tus requests, written by hand: every one is answered with its precise 4xx, never a 5xx, and changes nothing.</summary>
public sealed class ConformanceTests : IClassFixture<ConformanceTests.Fixture>
{
    private const string Patch = "PATCH {upload} HTTP/1.1\nTus-Resumable: 1.0.0\nContent-Type: application/offset+octet-stream\n";
    private const string Post = "POST /files/ HTTP/1.1\nTus-Resumable: 1.0.0\n";

    private static readonly Dictionary<string, (string Head, int Status, string? Code)> Cases = new()
    {
        ["negative offset"] = (Patch + "Upload-Offset: -1\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["non-numeric offset"] = (Patch + "Upload-Offset: abc\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["overflowing offset"] = (Patch + "Upload-Offset: 99999999999999999999\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["signed offset"] = (Patch + "Upload-Offset: +0\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["hex offset"] = (Patch + "Upload-Offset: 0x0\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["decimal offset"] = (Patch + "Upload-Offset: 0.0\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["two offsets"] = (Patch + "Upload-Offset: 0\nUpload-Offset: 0\nContent-Length: 0", 400, "invalid-upload-offset"),
        ["missing offset"] = (Patch + "Content-Length: 0", 400, "invalid-upload-offset"),
        ["offset ahead"] = (Patch + "Upload-Offset: 5\nContent-Length: 1", 409, "offset-mismatch"),
        ["offset past length"] = (Patch + "Upload-Offset: 9223372036854775807\nContent-Length: 1", 409, "offset-mismatch"),
        ["body past upload length"] = (Patch + "Upload-Offset: 0\nContent-Length: 200000", 400, "length-exceeded"),
        ["oversized body"] = (Patch + "Upload-Offset: 0\nContent-Length: 5000000", 413, "body-too-large"),
        ["chunked body"] = (Patch + "Upload-Offset: 0\nTransfer-Encoding: chunked", 411, "content-length-required"),
        ["wrong content type"] = ("PATCH {upload} HTTP/1.1\nTus-Resumable: 1.0.0\nContent-Type: application/octet-stream\nUpload-Offset: 0\nContent-Length: 0", 415, "unsupported-content-type"),
        ["missing content type"] = ("PATCH {upload} HTTP/1.1\nTus-Resumable: 1.0.0\nUpload-Offset: 0\nContent-Length: 0", 415, "unsupported-content-type"),
        ["unknown upload"] = (Patch.Replace("{upload}", "/files/cam-conf-00000000000000099999", StringComparison.Ordinal) + "Upload-Offset: 0\nContent-Length: 0", 404, "unknown-upload"),
        ["malformed upload id"] = (Patch.Replace("{upload}", "/files/..%2F..%2Fetc", StringComparison.Ordinal) + "Upload-Offset: 0\nContent-Length: 0", 404, "unknown-upload"),
        ["nested path"] = (Patch.Replace("{upload}", "/files/a/b", StringComparison.Ordinal) + "Upload-Offset: 0\nContent-Length: 0", 404, "not-found"),
        ["missing Tus-Resumable"] = ("HEAD {upload} HTTP/1.1", 412, "tus-version-unsupported"),
        ["wrong Tus-Resumable"] = ("HEAD {upload} HTTP/1.1\nTus-Resumable: 0.2.2", 412, "tus-version-unsupported"),
        ["missing Upload-Length"] = (Post + "Upload-Metadata: manifest {manifest}\nContent-Length: 0", 400, "invalid-upload-length"),
        ["negative Upload-Length"] = (Post + "Upload-Length: -5\nUpload-Metadata: manifest {manifest}\nContent-Length: 0", 400, "invalid-upload-length"),
        ["overflowing Upload-Length"] = (Post + "Upload-Length: 18446744073709551616\nUpload-Metadata: manifest {manifest}\nContent-Length: 0", 400, "invalid-upload-length"),
        ["Upload-Length above the maximum"] = (Post + "Upload-Length: 9000000000000\nUpload-Metadata: manifest {manifest}\nContent-Length: 0", 413, "segment-too-large"),
        ["deferred length"] = (Post + "Upload-Defer-Length: 1\nUpload-Metadata: manifest {manifest}\nContent-Length: 0", 400, "upload-defer-length-unsupported"),
        ["missing metadata"] = (Post + "Upload-Length: 10\nContent-Length: 0", 400, "manifest-missing"),
        ["metadata without manifest"] = (Post + "Upload-Length: 10\nUpload-Metadata: filename YS5tcDQ=\nContent-Length: 0", 400, "manifest-missing"),
        ["metadata with bad base64"] = (Post + "Upload-Length: 10\nUpload-Metadata: manifest ***\nContent-Length: 0", 400, "invalid-metadata"),
        ["metadata with duplicate keys"] = (Post + "Upload-Length: 10\nUpload-Metadata: manifest {manifest},manifest {manifest}\nContent-Length: 0", 400, "invalid-metadata"),
        ["metadata with empty key"] = (Post + "Upload-Length: 10\nUpload-Metadata: manifest {manifest},\nContent-Length: 0", 400, "invalid-metadata"),
        ["manifest that is not a manifest"] = (Post + "Upload-Length: 10\nUpload-Metadata: manifest aGVsbG8gd29ybGQ=\nContent-Length: 0", 400, "manifest-malformed"),
        ["POST with a body"] = (Post + "Upload-Length: 10\nUpload-Metadata: manifest {manifest}\nContent-Length: 3", 400, "body-not-allowed"),
        ["GET on the collection"] = ("GET /files/ HTTP/1.1\nTus-Resumable: 1.0.0", 405, "method-not-allowed"),
        ["PUT on an upload"] = ("PUT {upload} HTTP/1.1\nTus-Resumable: 1.0.0\nContent-Length: 0", 405, "method-not-allowed"),
        ["path outside /files/"] = ("GET /admin HTTP/1.1\nTus-Resumable: 1.0.0", 404, "not-found"),
        ["oversized headers"] = ("HEAD {upload} HTTP/1.1\nTus-Resumable: 1.0.0\nX-Padding: " + new string('a', 20_000), 431, null),
    };

    private readonly Fixture _fixture;

    public ConformanceTests(Fixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Returns_Its_Specific_4xx_And_Changes_Nothing(string name)
    {
        (string head, int status, string? code) = Cases[name];
        string request = head.Replace("{upload}", _fixture.Location, StringComparison.Ordinal).Replace("{manifest}", _fixture.NextManifest64, StringComparison.Ordinal);
        int auditLines = _fixture.Harness.AuditEntries().Count;

        RawHttp.Response response = await RawHttp.SendAsync(_fixture.Harness, _fixture.Camera.Certificate, request);

        Assert.True(status == response.Status, $"{name}: expected {status}, got {response.Status} {response.Header("CamAgent-Error")}");
        if (code is not null)
        {
            Assert.Equal(code, response.Header("CamAgent-Error"));
            Assert.Equal(auditLines + 1, _fixture.Harness.AuditEntries().Count);
        }

        if (status == 412)
        {
            Assert.Equal("1.0.0", response.Header("Tus-Version"));
        }

        HttpResponseMessage state = await _fixture.Client.HeadAsync(_fixture.Location);
        Assert.Equal("0", TusClient.Header(state, "Upload-Offset"));
        Assert.Equal(_fixture.Stored, StoreSnapshot.Take(_fixture.Harness.StorePath));
    }

    [Fact]
    public async Task Keeps_The_Bytes_Of_A_Stalled_Body_The_Server_Cut_And_Reports_Them_As_The_Offset()
    {
        await using IngestHarness harness = await IngestHarness.StartAsync(o =>
        {
            o.Limits.MinBodyBytesPerSecond = 100_000;
            o.Limits.MinBodyRateGraceSeconds = 2;
        });
        TestCamera camera = harness.NewCamera("cam-cut");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(50_000);
        HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
        string location = created.Headers.Location!.OriginalString;
        string head = $"PATCH {location} HTTP/1.1\nTus-Resumable: 1.0.0\nContent-Type: application/offset+octet-stream\nUpload-Offset: 0\nContent-Length: 50000";

        await RawHttp.SendAsync(harness, camera.Certificate, head, content[..20_000], closeAfterBody: true);

        Assert.Equal("20000", await OffsetOnceSettledAsync(client, location, "20000"));
        Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(location, 20_000, content, 20_000));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(harness.StorePath, "devices", "cam-cut", "00000000000000000000.segment")));
    }

    /// <summary>
    /// A device whose link drops right after it sent part of a body: the server learns of the
    /// request and of the hang-up together. What arrived is still kept (docs/upload-protocol.md §3.4),
    /// so the device resumes after it instead of sending it again. Repeated, because whether the
    /// hang-up is noticed before the request reaches the upload is a race.
    /// </summary>
    [Fact]
    public async Task Keeps_The_Bytes_Of_A_Body_Whose_Device_Hung_Up_Straight_After_Sending_Them()
    {
        const int Attempts = 40;
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera camera = harness.NewCamera("cam-hangup");
        TusClient client = harness.ClientFor(camera);
        byte[] content = RandomNumberGenerator.GetBytes(50_000);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            HttpResponseMessage created = await client.CreateAsync(camera.Seal(content), content.Length);
            Expect.Status(HttpStatusCode.Created, created);
            string location = created.Headers.Location!.OriginalString;
            string head = $"PATCH {location} HTTP/1.1\nTus-Resumable: 1.0.0\nContent-Type: application/offset+octet-stream\nUpload-Offset: 0\nContent-Length: 50000";

            await RawHttp.HangUpMidBodyAsync(harness, camera.Certificate, head, content[..20_000]);

            string? offset = await OffsetOnceSettledAsync(client, location, "20000", TimeSpan.FromSeconds(5));
            Assert.True(offset == "20000", $"attempt {attempt + 1}: offset {offset} after the hang-up, 20000 bytes had been sent");
            Expect.Status(HttpStatusCode.NoContent, await client.PatchAsync(location, 20_000, content, 20_000));
        }
    }

    [Fact]
    public async Task Options_Advertises_Version_Extensions_And_Maximum_Size()
    {
        HttpResponseMessage response = await _fixture.Client.OptionsAsync();

        Expect.Status(HttpStatusCode.NoContent, response);
        Assert.Equal("1.0.0", TusClient.Header(response, "Tus-Version"));
        Assert.Equal("creation,termination,expiration", TusClient.Header(response, "Tus-Extension"));
        Assert.Equal(_fixture.Harness.Options.Limits.MaxSegmentBytes.ToString(), TusClient.Header(response, "Tus-Max-Size"));
    }

    // The server finishes the cut request as the connection closes; HEAD is asked
    // until the offset settles (bounded, so a server that dropped the bytes fails the test).
    private static async Task<string?> OffsetOnceSettledAsync(TusClient client, string location, string expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        string? offset;
        do
        {
            offset = TusClient.Header(await client.HeadAsync(location), "Upload-Offset");
        }
        while (offset != expected && DateTime.UtcNow < deadline && await Delay());
        return offset;
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        return true;
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public IngestHarness Harness { get; private set; } = null!;
        public TestCamera Camera { get; private set; } = null!;
        public TusClient Client { get; private set; } = null!;
        public string Location { get; private set; } = "";
        public string NextManifest64 { get; private set; } = "";
        public Dictionary<string, string> Stored { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Harness = await IngestHarness.StartAsync();
            Camera = Harness.NewCamera("cam-conf");
            Client = Harness.ClientFor(Camera);
            byte[] first = RandomNumberGenerator.GetBytes(1000);
            Expect.Status(HttpStatusCode.NoContent, await Client.UploadAsync(Camera.Seal(first), first));
            byte[] open = RandomNumberGenerator.GetBytes(100_000);
            HttpResponseMessage created = await Client.CreateAsync(Camera.Seal(open), open.Length);
            Location = created.Headers.Location!.OriginalString;
            NextManifest64 = Convert.ToBase64String(Camera.Seal(new byte[10]));
            Stored = StoreSnapshot.Take(Harness.StorePath);
        }

        public async Task DisposeAsync() => await Harness.DisposeAsync();
    }
}

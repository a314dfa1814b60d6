using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

/// <summary>The client's reaction to each server answer, against scripted connections.</summary>
public class TusClientProtocolTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private readonly ScriptedConnector _server = new();
    private readonly TestLog _log = new();
    private readonly TestReceiptChecker _checker = new();
    private readonly UploadJob _job = UploadRig.Job(1, 20_000);

    private TusClient NewClient(IRandomSource? random = null) =>
        new(new AgencyEndpoint(_server, "ingest.test", _log), _checker, random ?? new FixedRandom(0), new FixedWallClock(Now), _log, new TusClientOptions { PatchSizeBytes = 16384 });

    private string Receipt => Convert.ToBase64String(TestReceipts.Expected(_job));

    private TusClient Started(IRandomSource? random = null)
    {
        TusClient client = NewClient(random);
        client.Begin(_job);
        return client;
    }

    [Fact]
    public void Dials_Only_The_Agency_Host_On_Port_443()
    {
        _server.Answer(Tus.Created(), Tus.Patched(16384), Tus.Patched(20_000, Receipt));

        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(Started()));
        Assert.Equal([("ingest.test", 443)], _server.Dialled);
    }

    [Fact]
    public void Sends_The_Manifest_At_Creation_And_Chunks_With_Their_Offsets()
    {
        _server.Answer(Tus.Created(), Tus.Patched(16384), Tus.Patched(20_000, Receipt));
        UploadRig.Drive(Started());

        string sent = _server.Sent;
        Assert.Contains("POST /files/ HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 20000\r\nUpload-Metadata: manifest " + Convert.ToBase64String(_job.Manifest) + "\r\nContent-Length: 0\r\n\r\n", sent);
        Assert.Contains($"PATCH {Tus.Location} HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 16384\r\n\r\n", sent);
        Assert.Contains("Upload-Offset: 16384\r\nContent-Length: 3616\r\n\r\n", sent);
    }

    [Fact]
    public void Streams_A_Larger_Patch_Chunk_By_Chunk_From_One_Buffer()
    {
        _server.Answer(Tus.Created(), Tus.Patched(20_000, Receipt));
        var client = new TusClient(new AgencyEndpoint(_server, "ingest.test", _log), _checker, new FixedRandom(0), new FixedWallClock(Now), _log, new TusClientOptions());
        client.Begin(_job);

        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
        Assert.Equal(1, _server.CountSent("PATCH"));
        Assert.Contains("Upload-Offset: 0\r\nContent-Length: 20000\r\n\r\n", _server.Sent);
        byte[] written = _server.Opened[0].Written.ToArray();
        Assert.Equal(UploadRig.ContentOf(_job), written[^20_000..]);
    }

    [Fact]
    public void Resumes_With_Head_After_A_Lost_Connection()
    {
        _server.Answer(Tus.Created(), Tus.Patched(16384)).Answer(Tus.Head(16384, 20_000), Tus.Patched(20_000, Receipt));
        TusClient client = Started();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadFailure.TransportFailed, client.Failure);
        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
        Assert.Equal(1, _server.CountSent("HEAD"));
    }

    [Fact]
    public void Repeats_The_Creation_When_Its_Answer_Was_Lost()
    {
        _server.Answer("").Answer(Tus.Created(offset: 16384), Tus.Patched(20_000, Receipt));
        TusClient client = Started();

        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
        Assert.Equal(2, _server.CountSent("POST"));
        Assert.Equal(20_000 - 16384, client.ContentBytesSent);
    }

    [Fact]
    public void Fetches_The_Receipt_With_Head_When_The_Final_Answer_Was_Lost()
    {
        _server.Answer(Tus.Created(offset: 16384)).Answer(Tus.Head(20_000, 20_000, Receipt));
        TusClient client = Started();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadStatus.Completed, client.Step());
        Assert.Equal(TestReceipts.Expected(_job), client.Receipt.AsSpan(0, client.ReceiptLength).ToArray());
    }

    [Fact]
    public void Waits_With_Backoff_While_The_Server_Has_Not_Issued_The_Receipt()
    {
        _server.Answer(Tus.Created(offset: 20_000), Tus.Head(20_000, 20_000), Tus.Head(20_000, 20_000, Receipt));
        TusClient client = Started();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadFailure.ReceiptPending, client.Failure);
        Assert.Equal(UploadStatus.Completed, client.Step());
    }

    [Fact]
    public void Doubles_The_Delay_Between_Heads_While_The_Full_Length_Is_Acknowledged_Without_A_Receipt()
    {
        string complete = Tus.Head(20_000, 20_000);
        _server.Answer(Tus.Created(offset: 16384), Tus.Patched(20_000), complete, complete, complete, complete, Tus.Head(20_000, 20_000, Receipt));
        TusClient client = Started(new FixedRandom(0xFF));
        client.Step();
        Assert.Equal(UploadStatus.InProgress, client.Step());

        var delaysMs = new List<int>();
        for (int poll = 0; poll < 4; poll++)
        {
            Assert.Equal(UploadStatus.RetryLater, client.Step());
            Assert.Equal(UploadFailure.ReceiptPending, client.Failure);
            delaysMs.Add(client.RetryDelayMs);
        }

        Assert.Equal([1000, 2000, 4000, 8000], delaysMs);
        Assert.Equal(UploadStatus.Completed, client.Step());
    }

    [Fact]
    public void Follows_The_Server_Offset_On_409_And_Backs_Off_When_It_Repeats()
    {
        string conflict = Tus.Error(409, "offset-mismatch", "Upload-Offset: 100\r\n");
        _server.Answer(Tus.Created(), conflict, conflict, conflict);
        TusClient client = Started();
        client.Step();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(100, client.AcknowledgedOffset);
        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadFailure.OffsetConflict, client.Failure);
        Assert.Contains("Upload-Offset: 100\r\nContent-Length: 16384", _server.Sent);
    }

    [Fact]
    public void Creates_Again_Once_When_The_Server_Forgot_The_Upload_Then_Gives_Up()
    {
        _server.Answer(Tus.Created(), Tus.Error(404, "unknown-upload"), Tus.Created(), Tus.Error(410, "expired"));
        TusClient client = Started();
        client.Step();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(UploadFailure.UploadGone, client.Failure);
    }

    [Theory]
    [InlineData(400, "bad-metadata", UploadFailure.BadRequest)]
    [InlineData(403, "device-revoked", UploadFailure.Forbidden)]
    [InlineData(409, "sequence-conflict", UploadFailure.SequenceConflict)]
    [InlineData(409, "chain-link-mismatch", UploadFailure.ChainLinkMismatch)]
    [InlineData(412, "unsupported-version", UploadFailure.VersionNotSupported)]
    [InlineData(413, "too-large", UploadFailure.TooLarge)]
    [InlineData(415, "bad-content-type", UploadFailure.UnsupportedMediaType)]
    [InlineData(460, "content-digest-mismatch", UploadFailure.ContentDigestMismatch)]
    [InlineData(451, "unavailable", UploadFailure.RequestRejected)]
    public void Does_Not_Retry_A_Permanent_4xx_And_Says_Why(int status, string code, UploadFailure expected)
    {
        _server.Answer(Tus.Error(status, code), Tus.Created());
        TusClient client = Started();

        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(expected, client.Failure);
        Assert.Equal(status, client.LastStatusCode);
        Assert.Equal(code, client.LastErrorCode);
        Assert.Equal(1, _server.CountSent("POST"));
        Assert.Throws<InvalidOperationException>(() => client.Step());
    }

    [Theory]
    [InlineData(500, UploadFailure.ServerError)]
    [InlineData(502, UploadFailure.ServerError)]
    [InlineData(503, UploadFailure.ServerBusy)]
    [InlineData(429, UploadFailure.ServerBusy)]
    [InlineData(423, UploadFailure.UploadLocked)]
    [InlineData(400, UploadFailure.BodyIncomplete)]
    public void Retries_Transient_Errors_With_Backoff(int status, UploadFailure expected)
    {
        _server.Answer(Tus.Error(status, status == 400 ? "body-incomplete" : "busy"), Tus.Created(offset: 20_000, receipt: Receipt));
        TusClient client = Started(new FixedRandom(0xFF));

        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(expected, client.Failure);
        Assert.Equal(RetryPolicy.DefaultBaseDelayMs, client.RetryDelayMs);
        Assert.Equal(UploadStatus.Completed, client.Step());
    }

    [Fact]
    public void Honours_Retry_After_In_Seconds()
    {
        _server.Answer(Tus.Error(503, "overloaded", "Retry-After: 120\r\n"));
        TusClient client = Started(new FixedRandom(0));

        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(120_000, client.RetryDelayMs);
    }

    [Fact]
    public void Honours_Retry_After_As_An_Http_Date()
    {
        _server.Answer(Tus.Error(429, "too-many-requests", "Retry-After: Sun, 22 Nov 2026 12:00:30 GMT\r\n"));
        TusClient client = Started(new FixedRandom(0));

        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(30_000, client.RetryDelayMs);
    }

    [Fact]
    public void Does_Not_Reuse_An_Earlier_Retry_After_For_A_Later_Connection_Failure()
    {
        _server.Answer(Tus.Error(503, "overloaded", "Retry-After: 120\r\nConnection: close\r\n")).Refuse(TransportStatus.ConnectFailed);
        TusClient client = Started(new FixedRandom(0xFF));

        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(121_000, client.RetryDelayMs);
        Assert.Equal(UploadStatus.RetryLater, client.Step());
        Assert.Equal(UploadFailure.TransportFailed, client.Failure);
        Assert.Equal(2000, client.RetryDelayMs);
    }

    [Fact]
    public void Caps_A_Huge_Retry_After()
    {
        _server.Answer(Tus.Error(503, "overloaded", "Retry-After: 999999999\r\n"));
        TusClient client = Started();

        client.Step();
        Assert.Equal(RetryPolicy.DefaultMaxRetryAfterMs, client.RetryDelayMs);
    }

    [Fact]
    public void Backs_Off_Exponentially_While_The_Network_Is_Down_Within_The_Cap()
    {
        for (int i = 0; i < 12; i++)
        {
            _server.Refuse(TransportStatus.NoNetwork);
        }

        TusClient client = Started(new FixedRandom(0xFF));
        var delays = new List<int>();
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(UploadStatus.RetryLater, client.Step());
            Assert.Equal(TransportStatus.NoNetwork, client.TransportStatus);
            delays.Add(client.RetryDelayMs);
        }

        Assert.Equal([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000], delays);
    }

    [Theory]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: https://evil.test/files/x\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: /files/../etc\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nLocation: /files/a\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: /files/a\r\nUpload-Offset: 20001\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 302 Found\r\nLocation: https://elsewhere.test/files/\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: /files/a\r\nContent-Length: 0\r\n\r\nHTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\n\r\n")]
    [InlineData("HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: /files/a\r\nContent-Length: 0\r\n\r\nHTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n\r\n")]
    [InlineData("garbage\r\n\r\n")]
    public void Treats_A_Broken_Answer_As_A_Protocol_Violation_Never_Followed(string answer)
    {
        _server.Answer(answer);
        TusClient client = Started();

        UploadStatus status = client.Step();
        if (status == UploadStatus.InProgress)
        {
            status = client.Step();
        }

        Assert.Equal(UploadStatus.RetryLater, status);
        Assert.Equal(UploadFailure.ProtocolViolation, client.Failure);
        Assert.All(_server.Dialled, d => Assert.Equal(("ingest.test", 443), d));
    }

    [Fact]
    public void Accepts_An_Absolute_Location_On_The_Agency_Host()
    {
        _server.Answer(Tus.Created(location: "https://INGEST.test:443/files/cam-1-7"), Tus.Patched(16384), Tus.Patched(20_000, Receipt));

        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(Started()));
        Assert.Contains("PATCH /files/cam-1-7 HTTP/1.1", _server.Sent);
    }

    [Fact]
    public void Rejects_A_Head_That_Reports_Another_Length()
    {
        _server.Answer(Tus.Created(), Tus.Error(409, "offset-mismatch"), Tus.Head(0, 99));
        TusClient client = Started();

        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(UploadFailure.LengthMismatch, client.Failure);
        Assert.Equal(1, _server.CountSent("HEAD"));
    }

    [Fact]
    public void Rejects_A_Receipt_That_Is_Not_Base64()
    {
        _server.Answer(Tus.Created(offset: 20_000, receipt: "%%%%"));
        TusClient client = Started();

        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(UploadFailure.ReceiptInvalid, client.Failure);
        Assert.Equal(ReceiptCheckStatus.Malformed, client.ReceiptCheck);
        Assert.Equal(0, _checker.Checks);
    }

    [Fact]
    public void Reports_A_Content_Stream_Shorter_Than_Declared()
    {
        var job = new UploadJob(2, new byte[10], 0, 10, new MemoryStream(new byte[100]), 200);
        _server.Answer(Tus.Created(), Tus.Patched(100));
        TusClient client = NewClient();
        client.Begin(job);
        client.Step();

        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(UploadFailure.ContentUnreadable, client.Failure);
    }

    [Fact]
    public void Reports_A_Manifest_Too_Large_For_The_Request_Head_As_A_Bug()
    {
        TusClient client = NewClient();

        Assert.Throws<ArgumentException>(() => client.Begin(new UploadJob(1, new byte[UploadLimits.MaxManifestBytes + 1], 0, UploadLimits.MaxManifestBytes + 1, null, 0)));
    }

    [Fact]
    public void Stepping_Before_Begin_Is_A_Bug()
    {
        Assert.Throws<InvalidOperationException>(() => NewClient().Step());
    }
}

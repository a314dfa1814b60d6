using System.Security.Cryptography;
using CamAgent.Core.Egress;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Upload;

/// <summary>The device's real receipt check: ES256 against the pinned key, fields against the record's own manifest.</summary>
public sealed class PinnedReceiptCheckerTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestDevice _device;
    private readonly TestReceiptIssuer _server;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(40_000);
    private readonly byte[] _record;
    private readonly UploadJob _job;

    public PinnedReceiptCheckerTests()
    {
        _device = new TestDevice(_pki);
        _server = new TestReceiptIssuer(_pki);
        _device.SealContinuity(Core.Evidence.ContinuityEvent.RecordingStart);
        _record = _device.SealSegment(_content);
        _job = new UploadJob(1, _record, 0, _record.Length, new MemoryStream(_content, false), _content.Length);
    }

    private ReceiptCheckStatus Check(byte[] receipt, byte[]? pinnedKey = null) =>
        new PinnedReceiptChecker(pinnedKey ?? _server.PublicKey, 0).Check(_job, receipt, 0, receipt.Length);

    [Fact]
    public void Accepts_A_Receipt_Signed_By_The_Pinned_Key_For_This_Record()
    {
        Assert.Equal(ReceiptCheckStatus.Valid, Check(_server.Issue(_record, _content)));
    }

    [Fact]
    public void Refuses_A_Receipt_Signed_By_Another_Key_Even_With_A_Valid_Certificate()
    {
        using var impostor = new TestReceiptIssuer(_pki);

        Assert.Equal(ReceiptCheckStatus.SignatureInvalid, Check(impostor.Issue(_record, _content)));
    }

    [Fact]
    public void Refuses_A_Receipt_With_Any_Flipped_Bit_In_Its_Payload_Or_Signature()
    {
        byte[] receipt = _server.Issue(_record, _content);
        int start = receipt.Length - 64 - 300;
        for (int i = start; i < receipt.Length; i += 7)
        {
            byte[] tampered = (byte[])receipt.Clone();
            tampered[i] ^= 0x10;
            Assert.NotEqual(ReceiptCheckStatus.Valid, Check(tampered));
        }
    }

    [Theory]
    [InlineData("device")]
    [InlineData("sequence")]
    [InlineData("length")]
    [InlineData("digest")]
    [InlineData("manifest")]
    public void Refuses_A_Correctly_Signed_Receipt_For_Another_Record(string field)
    {
        byte[] receipt = _server.Issue(_record, _content, r =>
        {
            switch (field)
            {
                case "device": r.DeviceId = "cam-0002"; break;
                case "sequence": r.Sequence++; break;
                case "length": r.ContentLength--; break;
                case "digest": r.ContentDigestBytes[0] ^= 1; break;
                default: r.ManifestDigest[31] ^= 1; break;
            }
        });

        Assert.Equal(ReceiptCheckStatus.FieldMismatch, Check(receipt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void Refuses_Garbage_As_Malformed(int length)
    {
        Assert.Equal(ReceiptCheckStatus.Malformed, Check(RandomNumberGenerator.GetBytes(length)));
    }

    [Fact]
    public void Completes_An_Upload_Only_With_The_Real_Receipt()
    {
        string receipt = Convert.ToBase64String(_server.Issue(_record, _content));
        var server = new ScriptedConnector().Answer(Tus.Created(), Tus.Patched(_content.Length, receipt));
        var log = new TestLog();
        var client = new TusClient(new AgencyEndpoint(server, "ingest.test", log), new PinnedReceiptChecker(_server.PublicKey, 0),
            new FixedRandom(0), new FixedWallClock(DateTime.UtcNow), log, new TusClientOptions());
        client.Begin(_job);

        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
        Assert.Contains("Upload-Metadata: manifest " + Convert.ToBase64String(_record) + "\r\n", server.Sent);
    }

    [Fact]
    public void Refuses_A_Pinned_Key_Buffer_Too_Short()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PinnedReceiptChecker(new byte[64], 0));
    }

    public void Dispose()
    {
        _server.Dispose();
        _device.Dispose();
        _pki.Dispose();
    }
}

using System.Security.Cryptography;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Upload;

/// <summary>
/// The record digest the sealer computed for the chain is the one the receipt check compares
/// with, when the job carries it: the manifest is not hashed a second time.
/// </summary>
[Collection(WorkCounting.Name)]
public sealed class RecordDigestReuseTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestDevice _device;
    private readonly TestReceiptIssuer _server;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(20_000);
    private readonly byte[] _record;
    private readonly byte[] _receipt;

    public RecordDigestReuseTests()
    {
        _device = new TestDevice(_pki);
        _server = new TestReceiptIssuer(_pki);
        _device.SealContinuity(Core.Evidence.ContinuityEvent.RecordingStart);
        _record = _device.SealSegment(_content);
        _receipt = _server.Issue(_record, _content);
    }

    [Fact]
    public void A_Job_That_Carries_The_Record_Digest_Is_Checked_Without_Hashing_The_Manifest_Again()
    {
        byte[] digest = SHA256.HashData(_record);
        var checker = new PinnedReceiptChecker(_server.PublicKey, 0);
        var withDigest = WorkCounting.During(() => Assert.Equal(ReceiptCheckStatus.Valid, checker.Check(Job(digest), _receipt, 0, _receipt.Length)));
        var without = WorkCounting.During(() => Assert.Equal(ReceiptCheckStatus.Valid, checker.Check(Job(null), _receipt, 0, _receipt.Length)));

        // What the second check hashed more is exactly the manifest: its bytes plus padding, in blocks.
        Assert.Equal((_record.Length + 9 + 63) / 64, without.Sha256Blocks - withDigest.Sha256Blocks);
    }

    [Fact]
    public void A_Carried_Digest_Is_What_The_Receipt_Is_Compared_With()
    {
        byte[] wrong = SHA256.HashData(_record);
        wrong[5] ^= 1;
        var checker = new PinnedReceiptChecker(_server.PublicKey, 0);

        Assert.Equal(ReceiptCheckStatus.FieldMismatch, checker.Check(Job(wrong), _receipt, 0, _receipt.Length));
    }

    [Fact]
    public void A_Carried_Digest_Must_Be_32_Bytes()
    {
        Assert.Throws<ArgumentException>(() => new UploadJob(1, _record, 0, _record.Length, new MemoryStream(_content, false), _content.Length, new byte[31]));
    }

    public void Dispose()
    {
        _server.Dispose();
        _device.Dispose();
        _pki.Dispose();
    }

    private UploadJob Job(byte[]? digest) => digest == null
        ? new UploadJob(1, _record, 0, _record.Length, new MemoryStream(_content, false), _content.Length)
        : new UploadJob(1, _record, 0, _record.Length, new MemoryStream(_content, false), _content.Length, digest);
}

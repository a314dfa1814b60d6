using System.Security.Cryptography;
using System.Text;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// The in-test server's receipt: a fixed tag, SHA-256 of the manifest and of the content. It
/// stands in for the signed COSE receipt of docs/evidence-format.md and is checked the same way
/// (fields against the record), so the client's receipt path is exercised end to end.
/// </summary>
public static class TestReceipts
{
    private static readonly byte[] Tag = Encoding.ASCII.GetBytes("TEST-RECEIPT-1");

    public static byte[] Create(byte[] manifest, byte[] content) => [.. Tag, .. SHA256.HashData(manifest), .. SHA256.HashData(content)];

    public static byte[] Expected(UploadJob job)
    {
        byte[] manifest = job.Manifest.AsSpan(job.ManifestOffset, job.ManifestCount).ToArray();
        byte[] content = new byte[job.ContentLength];
        if (job.Content is { } stream)
        {
            stream.Position = 0;
            stream.ReadExactly(content);
        }

        return Create(manifest, content);
    }
}

/// <summary>Accepts exactly the receipt <see cref="TestReceipts"/> would issue for the job.</summary>
public sealed class TestReceiptChecker : IReceiptChecker
{
    public int Checks { get; private set; }

    public ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count)
    {
        Checks++;
        byte[] expected = TestReceipts.Expected(job);
        if (count != expected.Length)
        {
            return ReceiptCheckStatus.Malformed;
        }

        return receipt.AsSpan(offset, count).SequenceEqual(expected) ? ReceiptCheckStatus.Valid : ReceiptCheckStatus.FieldMismatch;
    }
}

using CamAgent.Core.Cbor;
using CamAgent.Core.Evidence;

namespace CamAgent.Core.Tests.Evidence;

public class ReceiptTests
{
    private static Receipt Sample()
    {
        var receipt = new Receipt
        {
            DeviceId = "cam-0001",
            Sequence = 9,
            ContentLength = 1000,
            ServerTimeMs = 1_763_800_000_123,
            UploadId = "cam-0001-9",
        };
        for (int i = 0; i < 32; i++)
        {
            receipt.ContentDigestBytes[i] = (byte)i;
            receipt.ManifestDigest[i] = (byte)(255 - i);
        }

        return receipt;
    }

    private static byte[] Encode(Receipt receipt)
    {
        byte[] buffer = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.Ok, receipt.Encode(writer, out _));
        return buffer[..writer.Length];
    }

    [Fact]
    public void Receipt_Round_Trips_To_Identical_Bytes()
    {
        byte[] bytes = Encode(Sample());
        var decoded = new Receipt();
        Assert.Equal(EvidenceStatus.Ok, decoded.Decode(bytes, 0, bytes.Length, new CborReader(), out _));
        Assert.Equal(bytes, Encode(decoded));
        Assert.Equal("cam-0001-9", decoded.UploadId);
    }

    [Fact]
    public void Matches_Only_The_Exact_Record()
    {
        Receipt receipt = Sample();
        byte[] content = (byte[])receipt.ContentDigestBytes.Clone();
        byte[] manifest = (byte[])receipt.ManifestDigest.Clone();
        Assert.True(receipt.Matches("cam-0001", 9, 1000, content, 0, manifest, 0));
        Assert.False(receipt.Matches("cam-0002", 9, 1000, content, 0, manifest, 0));
        Assert.False(receipt.Matches("cam-0001", 8, 1000, content, 0, manifest, 0));
        Assert.False(receipt.Matches("cam-0001", 9, 999, content, 0, manifest, 0));
        manifest[31] ^= 1;
        Assert.False(receipt.Matches("cam-0001", 9, 1000, content, 0, manifest, 0));
    }

    [Theory]
    [InlineData("", ReceiptKeys.UploadId)]
    [InlineData("with space", ReceiptKeys.UploadId)]
    public void Invalid_Upload_Id_Is_Refused(string uploadId, int expectedKey)
    {
        Receipt receipt = Sample();
        receipt.UploadId = uploadId;
        var writer = new CborWriter(new byte[512], 0, 512);
        Assert.Equal(EvidenceStatus.InvalidValue, receipt.Encode(writer, out int badKey));
        Assert.Equal(expectedKey, badKey);
    }

    [Fact]
    public void Truncated_Receipt_Is_Malformed()
    {
        byte[] bytes = Encode(Sample());
        var decoded = new Receipt();
        Assert.Equal(EvidenceStatus.MalformedCbor, decoded.Decode(bytes, 0, bytes.Length - 1, new CborReader(), out _));
    }
}

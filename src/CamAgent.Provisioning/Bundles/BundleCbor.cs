using System.Text;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// The small part of CBOR (RFC 8949) a device bundle uses: unsigned and negative integers, byte and
/// text strings, arrays, maps and tag 18, always in the shortest head form (§4.2.1 core
/// deterministic encoding). Host-only; the device reads bundles with Core's strict CborReader and
/// CoseSign1Message, which accept exactly this encoding.
/// </summary>
public sealed class BundleCbor
{
    private const int MajorUnsigned = 0, MajorNegative = 1, MajorBytes = 2, MajorText = 3, MajorArray = 4, MajorMap = 5, MajorTag = 6;
    private const int AdditionalOneByte = 24, AdditionalTwoBytes = 25, AdditionalFourBytes = 26, AdditionalEightBytes = 27;

    private readonly MemoryStream buffer = new();

    public byte[] ToArray() => buffer.ToArray();

    public BundleCbor UInt(ulong value) => Head(MajorUnsigned, value);

    public BundleCbor Int(long value) => value >= 0 ? Head(MajorUnsigned, (ulong)value) : Head(MajorNegative, (ulong)(-1 - value));

    public BundleCbor Bytes(byte[] value) => BytesAs(MajorBytes, value);

    public BundleCbor Text(string value) => BytesAs(MajorText, Encoding.UTF8.GetBytes(value));

    public BundleCbor Array(int count) => Head(MajorArray, (ulong)count);

    public BundleCbor Map(int count) => Head(MajorMap, (ulong)count);

    public BundleCbor Tag(ulong tag) => Head(MajorTag, tag);

    private BundleCbor BytesAs(int major, byte[] value)
    {
        Head(major, (ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    private BundleCbor Head(int major, ulong value)
    {
        int type = major << 5;
        if (value < AdditionalOneByte)
        {
            buffer.WriteByte((byte)(type | (int)value));
        }
        else if (value <= byte.MaxValue)
        {
            buffer.WriteByte((byte)(type | AdditionalOneByte));
            buffer.WriteByte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            buffer.WriteByte((byte)(type | AdditionalTwoBytes));
            WriteBigEndian(value, 2);
        }
        else if (value <= uint.MaxValue)
        {
            buffer.WriteByte((byte)(type | AdditionalFourBytes));
            WriteBigEndian(value, 4);
        }
        else
        {
            buffer.WriteByte((byte)(type | AdditionalEightBytes));
            WriteBigEndian(value, 8);
        }

        return this;
    }

    private void WriteBigEndian(ulong value, int bytes)
    {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
        {
            buffer.WriteByte((byte)(value >> shift));
        }
    }
}

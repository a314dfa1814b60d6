using System.Text;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Reads the CBOR subset of <see cref="BundleCbor"/>, strictly: only shortest-form heads, no
/// indefinite lengths, no trailing bytes. Any deviation sets <see cref="Failed"/> and every later
/// read returns a neutral value, so a caller checks once at the end.
/// </summary>
public sealed class BundleCborReader
{
    private const int MaxHeadValueForInt = int.MaxValue;
    private readonly byte[] data;
    private int position;

    public BundleCborReader(byte[] data)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public bool Failed { get; private set; }

    public bool AtEnd => position == data.Length;

    public ulong UInt() => Head(0);

    public long Int()
    {
        if (Failed || position >= data.Length)
        {
            Failed = true;
            return 0;
        }

        int major = data[position] >> 5;
        ulong value = Head(major == 1 ? 1 : 0);
        return major == 1 ? -1 - (long)value : (long)value;
    }

    public byte[] Bytes() => Content(2);

    public string Text()
    {
        byte[] bytes = Content(3);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Failed = true;
            return string.Empty;
        }
    }

    public int Array() => Count(4);

    public int Map() => Count(5);

    public ulong Tag() => Head(6);

    private int Count(int major)
    {
        ulong count = Head(major);
        if (count > (ulong)(data.Length - position))
        {
            Failed = true;
            return 0;
        }

        return (int)count;
    }

    private byte[] Content(int major)
    {
        ulong length = Head(major);
        if (Failed || length > (ulong)(data.Length - position))
        {
            Failed = true;
            return [];
        }

        byte[] content = data[position..(position + (int)length)];
        position += (int)length;
        return content;
    }

    private ulong Head(int expectedMajor)
    {
        if (Failed || position >= data.Length || data[position] >> 5 != expectedMajor)
        {
            Failed = true;
            return 0;
        }

        int additional = data[position++] & 0x1F;
        if (additional < 24)
        {
            return (ulong)additional;
        }

        int bytes = additional switch { 24 => 1, 25 => 2, 26 => 4, 27 => 8, _ => 0 };
        if (bytes == 0 || position + bytes > data.Length)
        {
            Failed = true;
            return 0;
        }

        ulong value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value = (value << 8) | data[position++];
        }

        ulong shortestLimit = bytes == 1 ? 24UL : bytes == 2 ? 0x100UL : bytes == 4 ? 0x1_0000UL : 0x1_0000_0000UL;
        // Deterministic encoding (RFC 8949 §4.2.1): a longer head than needed is refused. Lengths
        // and counts beyond int.MaxValue cannot describe anything in a bundle.
        bool isLengthOrCount = expectedMajor is 2 or 3 or 4 or 5;
        if (value < shortestLimit || isLengthOrCount && value > MaxHeadValueForInt)
        {
            Failed = true;
            return 0;
        }

        return value;
    }
}

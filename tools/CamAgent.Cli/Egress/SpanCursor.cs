using System.Buffers.Binary;

namespace CamAgent.Cli.Egress;

/// <summary>Reads big-endian fields and length-prefixed vectors (RFC 8446 §3.4) from a span, refusing to run past its end.</summary>
public ref struct SpanCursor(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _offset;

    public readonly bool AtEnd => _offset >= _data.Length;

    public readonly int Offset => _offset;

    public bool Skip(int count)
    {
        if (count < 0 || count > _data.Length - _offset)
        {
            return false;
        }

        _offset += count;
        return true;
    }

    public bool ReadByte(out byte value)
    {
        value = 0;
        if (_offset >= _data.Length)
        {
            return false;
        }

        value = _data[_offset++];
        return true;
    }

    public bool ReadUInt16(out ushort value)
    {
        value = 0;
        if (_data.Length - _offset < 2)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_data[_offset..]);
        _offset += 2;
        return true;
    }

    /// <summary>A vector whose length prefix is <paramref name="prefixBytes"/> (1 or 2) bytes.</summary>
    public bool ReadVector(int prefixBytes, out ReadOnlySpan<byte> content)
    {
        content = default;
        int length;
        if (prefixBytes == 1)
        {
            if (!ReadByte(out byte small))
            {
                return false;
            }

            length = small;
        }
        else
        {
            if (!ReadUInt16(out ushort large))
            {
                return false;
            }

            length = large;
        }

        if (length > _data.Length - _offset)
        {
            return false;
        }

        content = _data.Slice(_offset, length);
        _offset += length;
        return true;
    }

    public bool SkipVector(int prefixBytes) => ReadVector(prefixBytes, out _);
}

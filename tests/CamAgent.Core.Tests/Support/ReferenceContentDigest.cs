using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CamAgent.Tests.Support;

/// <summary>
/// A second, deliberately naive implementation of "CamAgent chunked HMAC v1", written from
/// docs/evidence-format.md §4 with .NET primitives only, to cross-check Core's incremental one.
/// </summary>
public static class ReferenceContentDigest
{
    public static readonly byte[] Key = SHA256.HashData(Encoding.ASCII.GetBytes("CamAgent chunked HMAC v1"));

    public static byte[] Compute(ReadOnlySpan<byte> content, int chunkSize)
    {
        byte[] h = new byte[32];
        long n = 0;
        for (int start = 0; start < content.Length; start += chunkSize)
        {
            int length = Math.Min(chunkSize, content.Length - start);
            byte[] block = new byte[44 + chunkSize];
            h.CopyTo(block, 0);
            BinaryPrimitives.WriteUInt64BigEndian(block.AsSpan(32), (ulong)n);
            BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(40), (uint)length);
            content.Slice(start, length).CopyTo(block.AsSpan(44));
            h = HMACSHA256.HashData(Key, block);
            n++;
        }

        byte[] final = new byte[64];
        Encoding.ASCII.GetBytes("CAMAGENT-CD1").CopyTo(final, 0);
        h.CopyTo(final, 12);
        BinaryPrimitives.WriteUInt64BigEndian(final.AsSpan(44), (ulong)content.Length);
        BinaryPrimitives.WriteUInt32BigEndian(final.AsSpan(52), (uint)chunkSize);
        BinaryPrimitives.WriteUInt64BigEndian(final.AsSpan(56), (ulong)n);
        return HMACSHA256.HashData(Key, final);
    }
}

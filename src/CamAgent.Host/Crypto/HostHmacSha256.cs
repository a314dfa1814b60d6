using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Crypto;

/// <summary>
/// One-shot HMAC-SHA256 over a whole array, as nanoFramework's native HMACSHA256.ComputeHash
/// does, through the static <see cref="HMACSHA256.TryHashData"/> (no per-call allocation).
/// </summary>
public sealed class HostHmacSha256 : IHmacSha256
{
    private readonly byte[] _key;

    public HostHmacSha256(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = (byte[])key.Clone();
    }

    public void Compute(byte[] data, byte[] mac, int macOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentOutOfRangeException.ThrowIfNegative(macOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(macOffset, mac.Length - HMACSHA256.HashSizeInBytes);
        if (!HMACSHA256.TryHashData(_key, data, mac.AsSpan(macOffset, HMACSHA256.HashSizeInBytes), out int written) || written != HMACSHA256.HashSizeInBytes)
        {
            throw new CryptographicException("HMAC-SHA256 did not produce 32 bytes");
        }
    }
}

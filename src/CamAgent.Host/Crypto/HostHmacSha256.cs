using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Crypto;

/// <summary>
/// One-shot HMAC-SHA256 over a whole array, as nanoFramework's native HMACSHA256.ComputeHash does.
/// The key is set once: the instance keeps .NET's keyed <see cref="HMACSHA256"/>, whose inner and
/// outer pads are derived once instead of on every call (the static one-shot re-derives them,
/// about 10% of the time for a 16 KiB block). No allocation per call. Like the device's primitive,
/// an instance is not thread-safe: each <see cref="Core.Evidence.ContentDigest"/> owns one.
/// </summary>
public sealed class HostHmacSha256 : IHmacSha256, IDisposable
{
    private readonly HMACSHA256 _hmac;

    public HostHmacSha256(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _hmac = new HMACSHA256(key);
    }

    public void Compute(byte[] data, byte[] mac, int macOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentOutOfRangeException.ThrowIfNegative(macOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(macOffset, mac.Length - HMACSHA256.HashSizeInBytes);
        if (!_hmac.TryComputeHash(data, mac.AsSpan(macOffset, HMACSHA256.HashSizeInBytes), out int written) || written != HMACSHA256.HashSizeInBytes)
        {
            throw new CryptographicException("HMAC-SHA256 did not produce 32 bytes");
        }
    }

    public void Dispose()
    {
        _hmac.Dispose();
    }
}

using CamAgent.Core.Platform;

namespace CamAgent.Host.Crypto;

/// <summary>.NET HMAC-SHA256 behind Core's one-shot port; computing allocates nothing.</summary>
public sealed class HostHmacSha256Factory : IHmacSha256Factory
{
    public IHmacSha256 Create(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new HostHmacSha256(key);
    }
}

using CamAgent.Core.Platform;

namespace CamAgent.Host.Platform;

/// <summary>Retry jitter from the operating system's random source.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

namespace CamAgent.Core.Platform
{
    /// <summary>Creates keyed HMAC-SHA256 primitives (host: .NET; device: nanoFramework's native one).</summary>
    public interface IHmacSha256Factory
    {
        /// <summary>Returns a primitive keyed with a copy of <paramref name="key"/>.</summary>
        IHmacSha256 Create(byte[] key);
    }
}

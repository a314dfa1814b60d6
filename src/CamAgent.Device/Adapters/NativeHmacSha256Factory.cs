using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>Creates <see cref="NativeHmacSha256"/> instances (device side of <see cref="IHmacSha256Factory"/>).</summary>
    public sealed class NativeHmacSha256Factory : IHmacSha256Factory
    {
        public IHmacSha256 Create(byte[] key)
        {
            return new NativeHmacSha256(key);
        }
    }
}

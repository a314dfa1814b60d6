using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>
    /// <see cref="IHmacSha256Factory"/> over Core's managed <see cref="HmacSha256"/>. The device
    /// uses nanoFramework's native HMAC, which the Linux and Windows virtual nanoCLR do not have;
    /// with this factory the end-to-end tests run on the virtual device as well as on a board
    /// (docs/device-build.md). The content digest is the same either way (tests/vectors/content-digest.json).
    /// </summary>
    public sealed class ManagedHmacSha256Factory : IHmacSha256Factory
    {
        public IHmacSha256 Create(byte[] key)
        {
            // HmacSha256 copies the key into its own padded block.
            return new HmacSha256(key);
        }
    }
}

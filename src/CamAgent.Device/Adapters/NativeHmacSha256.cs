using System;
using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IHmacSha256"/> over nanoFramework's native HMACSHA256 (mbedTLS). The native call
    /// is one-shot over a whole array, which is why the content digest feeds it fixed-size blocks
    /// (docs/evidence-format.md). Each call allocates the 32-byte result twice inside the library
    /// (its hash field and the clone it returns); that is the library's contract, not ours.
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        private const int MacSizeBytes = 32;

        private readonly HMACSHA256 _hmac;

        /// <param name="key">Copied: HMACSHA256(byte[]) keeps the caller's array by reference.</param>
        public NativeHmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            _hmac = new HMACSHA256((byte[])key.Clone());
        }

        public void Compute(byte[] data, byte[] mac, int macOffset)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (mac == null)
            {
                throw new ArgumentNullException("mac");
            }

            if (macOffset < 0 || macOffset > mac.Length - MacSizeBytes)
            {
                throw new ArgumentOutOfRangeException("macOffset");
            }

            byte[] result = _hmac.ComputeHash(data);
            Array.Copy(result, 0, mac, macOffset, MacSizeBytes);
        }
    }
}

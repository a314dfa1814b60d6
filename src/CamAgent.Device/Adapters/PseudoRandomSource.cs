using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IRandomSource"/> for retry jitter only (the port's contract excludes keys and
    /// nonces: ECDSA nonces are RFC 6979, keys come from the bundle or the secure element).
    /// System.Random is seeded from the boot tick count and the device id, so a fleet that loses
    /// power at once does not retry in lockstep.
    /// </summary>
    public sealed class PseudoRandomSource : IRandomSource
    {
        private const int ByteValues = 256;

        private readonly Random _random;

        public PseudoRandomSource(int seed)
        {
            _random = new Random(seed);
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)_random.Next(ByteValues);
            }
        }
    }
}

using System;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>
    /// A seeded xorshift32 generator (Marsaglia, "Xorshift RNGs", 2003: shifts 13, 17, 5). It gives
    /// the same sequence on .NET and on nanoCLR, unlike System.Random, whose algorithm differs
    /// between the two runtimes, so a scenario draws the same retry jitter and the same power-cut
    /// outcomes on both. For tests only: it is not a cryptographic generator.
    /// </summary>
    public sealed class DeterministicRandom : IRandomSource
    {
        // The golden-ratio increment and MurmurHash3's 32-bit finalizer (fmix32) turn small,
        // neighbouring seeds into unrelated states; fmix32 is a bijection, so distinct seeds never share one.
        private const uint GoldenRatio = 0x9E3779B9;
        private const uint MixMultiplier1 = 0x85EBCA6B;
        private const uint MixMultiplier2 = 0xC2B2AE35;

        private uint _state;

        public DeterministicRandom(int seed)
        {
            uint z = unchecked((uint)seed + GoldenRatio);
            z = unchecked((z ^ (z >> 16)) * MixMultiplier1);
            z = unchecked((z ^ (z >> 13)) * MixMultiplier2);
            z ^= z >> 16;
            _state = z == 0 ? 1 : z;
        }

        /// <summary>The next 32 random bits.</summary>
        public uint NextUInt32()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>A value in [0, <paramref name="bound"/>).</summary>
        public int Next(int bound)
        {
            if (bound <= 0)
            {
                throw new ArgumentOutOfRangeException("bound");
            }

            return (int)(NextUInt32() % (uint)bound);
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
                buffer[offset + i] = (byte)(NextUInt32() >> 24);
            }
        }
    }
}

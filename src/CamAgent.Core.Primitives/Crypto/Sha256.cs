using System;
using CamAgent.Core.Diagnostics;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Managed SHA-256 (FIPS 180-4) for small inputs: signature inputs, manifest links, receipt
    /// hashes. Video content is never hashed with this on the device; it goes through the native
    /// HMAC-SHA256 (see docs/evidence-format.md). Incremental: Reset, Update..., Final.
    /// One instance allocates its state once; Update and Final allocate nothing.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Size of a SHA-256 digest in bytes.</summary>
        public const int DigestSizeBytes = 32;

        private const int BlockSizeBytes = 64;

        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockSizeBytes];
        private int _blockFill;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Computes SHA-256 of <paramref name="count"/> bytes of <paramref name="data"/> in one call.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, count);
            byte[] digest = new byte[DigestSizeBytes];
            sha.Final(digest, 0);
            return digest;
        }

        /// <summary>Computes SHA-256 of all of <paramref name="data"/>.</summary>
        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            return Hash(data, 0, data.Length);
        }

        /// <summary>Starts a new digest.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockFill = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes from <paramref name="data"/> at <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _totalBytes += count;
            WorkCounters.AddSha256Bytes(count);
            while (count > 0)
            {
                int take = BlockSizeBytes - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill == BlockSizeBytes)
                {
                    Compress();
                    _blockFill = 0;
                }
            }
        }

        /// <summary>Adds one byte.</summary>
        public void Update(byte value)
        {
            _block[_blockFill++] = value;
            _totalBytes++;
            WorkCounters.AddSha256Bytes(1);
            if (_blockFill == BlockSizeBytes)
            {
                Compress();
                _blockFill = 0;
            }
        }

        /// <summary>
        /// Writes the 32-byte digest into <paramref name="digest"/> at <paramref name="offset"/> and
        /// resets the instance for reuse.
        /// </summary>
        public void Final(byte[] digest, int offset)
        {
            if (digest == null)
            {
                throw new ArgumentNullException("digest");
            }

            if (offset < 0 || offset > digest.Length - DigestSizeBytes)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            // Bit length is taken before padding bytes are counted.
            ulong bitLength = ((ulong)_totalBytes) << 3;
            Update(0x80);
            while (_blockFill != BlockSizeBytes - 8)
            {
                Update(0x00);
            }

            for (int i = 7; i >= 0; i--)
            {
                _block[_blockFill++] = (byte)(bitLength >> (i * 8));
            }

            Compress();
            for (int i = 0; i < 8; i++)
            {
                uint word = _state[i];
                digest[offset + (i * 4)] = (byte)(word >> 24);
                digest[offset + (i * 4) + 1] = (byte)(word >> 16);
                digest[offset + (i * 4) + 2] = (byte)(word >> 8);
                digest[offset + (i * 4) + 3] = (byte)word;
            }

            Reset();
        }

        private static uint RotateRight(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }

        private void Compress()
        {
            WorkCounters.AddSha256Block();
            uint[] w = _schedule;
            for (int t = 0; t < 16; t++)
            {
                int b = t * 4;
                w[t] = ((uint)_block[b] << 24) | ((uint)_block[b + 1] << 16) | ((uint)_block[b + 2] << 8) | _block[b + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = RotateRight(x, 7) ^ RotateRight(x, 18) ^ (x >> 3);
                uint s1 = RotateRight(y, 17) ^ RotateRight(y, 19) ^ (y >> 10);
                w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
            }

            uint a = _state[0], b2 = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int t = 0; t < 64; t++)
            {
                uint bigS1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint temp1 = unchecked(h + bigS1 + choose + RoundConstants[t] + w[t]);
                uint bigS0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
                uint majority = (a & b2) ^ (a & c) ^ (b2 & c);
                uint temp2 = unchecked(bigS0 + majority);
                h = g;
                g = f;
                f = e;
                e = unchecked(d + temp1);
                d = c;
                c = b2;
                b2 = a;
                a = unchecked(temp1 + temp2);
            }

            _state[0] = unchecked(_state[0] + a);
            _state[1] = unchecked(_state[1] + b2);
            _state[2] = unchecked(_state[2] + c);
            _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e);
            _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g);
            _state[7] = unchecked(_state[7] + h);
        }
    }
}

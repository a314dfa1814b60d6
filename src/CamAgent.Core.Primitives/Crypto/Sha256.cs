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

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[Sha256Block.ScheduleSize];
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

            // Bit length is taken before padding bytes are counted. Padding (FIPS 180-4 §5.1.1):
            // 0x80, zeros up to 8 bytes before a block end, the bit length; the zeros are one native clear.
            ulong bitLength = ((ulong)_totalBytes) << 3;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSizeBytes - 8)
            {
                Array.Clear(_block, _blockFill, BlockSizeBytes - _blockFill);
                Compress();
                _blockFill = 0;
            }

            Array.Clear(_block, _blockFill, BlockSizeBytes - 8 - _blockFill);
            _blockFill = BlockSizeBytes - 8;
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

        private void Compress()
        {
            WorkCounters.AddSha256Block();
            Sha256Block.Compress(_state, _block, _schedule);
        }
    }
}

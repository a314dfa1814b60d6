using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// "CamAgent chunked HMAC v1" content digest (docs/evidence-format.md §4). Every HMAC input
    /// is exactly <see cref="BlockHeaderBytes"/> + C bytes, so the device hashes with one
    /// preallocated buffer and the platform's one-shot HMAC-SHA256, in O(1) memory:
    /// <code>
    /// h_0 = 32 zero bytes
    /// h_(i+1) = HMAC(K, h_i || uint64be(i) || uint32be(L_i) || chunk_i || zeros to C)
    /// digest  = HMAC(K, "CAMAGENT-CD1" || h_n || uint64be(total) || uint32be(C) || uint64be(n))
    /// </code>
    /// Two ways to feed content, not to be mixed within one digest:
    /// the zero-copy path (<see cref="BlockBuffer"/> + <see cref="CommitChunk"/>) for the sealer,
    /// which reads each chunk straight into the block at <see cref="ChunkDataOffset"/>; and
    /// <see cref="Append"/> for content that arrives in pieces of any size (server, verifier).
    /// Nothing is allocated after construction. Not thread-safe.
    /// </summary>
    public sealed class ContentDigest
    {
        /// <summary>Size of the digest and of each chaining value.</summary>
        public const int DigestSizeBytes = 32;

        /// <summary>h_i (32) + chunk index (8) + chunk length (4) precede the chunk in every block.</summary>
        public const int BlockHeaderBytes = 44;

        /// <summary>Where chunk data goes in <see cref="BlockBuffer"/>.</summary>
        public const int ChunkDataOffset = BlockHeaderBytes;

        /// <summary>
        /// Default chunk size C: 16 KiB keeps the block (16,428 bytes) affordable in an ESP32's
        /// ~79 KB heap and matches the upload chunk, so one read feeds both.
        /// </summary>
        public const int DefaultChunkSizeBytes = 16384;

        /// <summary>Smallest C accepted: below this the per-block overhead dominates.</summary>
        public const int MinChunkSizeBytes = 64;

        /// <summary>Largest C accepted: 1 MiB, the most a device with PSRAM could hold as one block.</summary>
        public const int MaxChunkSizeBytes = 1048576;

        /// <summary>Bytes of the finalisation input: label (12) + h_n (32) + total (8) + C (4) + n (8).</summary>
        public const int FinalBlockBytes = 64;

        private const int IndexOffset = 32;
        private const int LengthOffset = 40;

        // The published key K = SHA-256("CamAgent chunked HMAC v1"). It is not a secret: it only
        // domain-separates this construction from other uses of HMAC-SHA256.
        private static readonly byte[] Key = new byte[]
        {
            0x59, 0x60, 0xfb, 0x80, 0xcd, 0xb0, 0x76, 0x53, 0x89, 0x12, 0xe5, 0x59, 0x6a, 0x4b, 0xc6, 0xe9,
            0x75, 0x36, 0x53, 0xf5, 0x6a, 0x13, 0x01, 0x10, 0x16, 0x5b, 0xc8, 0x7e, 0x98, 0x7a, 0x14, 0x93,
        };

        // "CAMAGENT-CD1" in ASCII.
        private static readonly byte[] FinalLabel = new byte[]
        {
            0x43, 0x41, 0x4d, 0x41, 0x47, 0x45, 0x4e, 0x54, 0x2d, 0x43, 0x44, 0x31,
        };

        private readonly IHmacSha256 _hmac;
        private readonly int _chunkSizeBytes;
        private readonly byte[] _block;
        private readonly byte[] _final = new byte[FinalBlockBytes];
        private readonly byte[] _mac = new byte[DigestSizeBytes];
        private int _pendingBytes;
        private long _chunkCount;
        private long _totalLength;
        private bool _closed;
        private bool _finished;

        /// <summary>Creates a digest for chunk size <paramref name="chunkSizeBytes"/> (C), allocating its block once.</summary>
        public ContentDigest(IHmacSha256Factory hmacFactory, int chunkSizeBytes)
        {
            if (hmacFactory == null)
            {
                throw new ArgumentNullException("hmacFactory");
            }

            if (chunkSizeBytes < MinChunkSizeBytes || chunkSizeBytes > MaxChunkSizeBytes)
            {
                throw new ArgumentOutOfRangeException("chunkSizeBytes");
            }

            _hmac = hmacFactory.Create(Key);
            _chunkSizeBytes = chunkSizeBytes;
            _block = new byte[BlockHeaderBytes + chunkSizeBytes];
            Reset();
        }

        /// <summary>The chunk size C in bytes.</summary>
        public int ChunkSizeBytes
        {
            get { return _chunkSizeBytes; }
        }

        /// <summary>Content bytes fed so far.</summary>
        public long TotalLength
        {
            get { return _totalLength + _pendingBytes; }
        }

        /// <summary>
        /// The HMAC input block (<see cref="BlockHeaderBytes"/> + C bytes). For the zero-copy path the
        /// caller writes a chunk at <see cref="ChunkDataOffset"/> and then calls <see cref="CommitChunk"/>;
        /// it must not touch the first <see cref="BlockHeaderBytes"/> bytes.
        /// </summary>
        public byte[] BlockBuffer
        {
            get { return _block; }
        }

        /// <summary>Returns a copy of the published 32-byte key K.</summary>
        public static byte[] CopyKey()
        {
            byte[] copy = new byte[Key.Length];
            Array.Copy(Key, copy, Key.Length);
            return copy;
        }

        /// <summary>Starts a new digest.</summary>
        public void Reset()
        {
            for (int i = 0; i < DigestSizeBytes; i++)
            {
                _block[i] = 0;
            }

            _pendingBytes = 0;
            _chunkCount = 0;
            _totalLength = 0;
            _closed = false;
            _finished = false;
        }

        /// <summary>
        /// Hashes the <paramref name="length"/> bytes (1..C) the caller placed at <see cref="ChunkDataOffset"/>.
        /// Only the last chunk may be shorter than C; after a short chunk only <see cref="Finish"/> may follow.
        /// </summary>
        public void CommitChunk(int length)
        {
            if (length < 1 || length > _chunkSizeBytes)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            if (_pendingBytes != 0 || _closed || _finished)
            {
                throw new InvalidOperationException("CommitChunk cannot follow Append, a short chunk, or Finish");
            }

            HashBlock(length);
            _closed = length < _chunkSizeBytes;
        }

        /// <summary>Feeds <paramref name="count"/> bytes of any size; full chunks are hashed as they complete.</summary>
        public void Append(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (_closed || _finished)
            {
                throw new InvalidOperationException("Append cannot follow a short chunk or Finish");
            }

            while (count > 0)
            {
                int take = _chunkSizeBytes - _pendingBytes;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(buffer, offset, _block, ChunkDataOffset + _pendingBytes, take);
                _pendingBytes += take;
                offset += take;
                count -= take;
                if (_pendingBytes == _chunkSizeBytes)
                {
                    _pendingBytes = 0;
                    HashBlock(_chunkSizeBytes);
                }
            }
        }

        /// <summary>Writes the 32-byte digest at <paramref name="digest"/>[<paramref name="offset"/>]. Call <see cref="Reset"/> before reuse.</summary>
        public void Finish(byte[] digest, int offset)
        {
            if (digest == null)
            {
                throw new ArgumentNullException("digest");
            }

            if (offset < 0 || offset > digest.Length - DigestSizeBytes)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            if (_finished)
            {
                throw new InvalidOperationException("Finish was already called; Reset first");
            }

            if (_pendingBytes > 0)
            {
                int length = _pendingBytes;
                _pendingBytes = 0;
                HashBlock(length);
            }

            Array.Copy(FinalLabel, 0, _final, 0, FinalLabel.Length);
            Array.Copy(_block, 0, _final, FinalLabel.Length, DigestSizeBytes);
            int position = FinalLabel.Length + DigestSizeBytes;
            Bytes.WriteUInt64(_final, position, (ulong)_totalLength);
            Bytes.WriteUInt32(_final, position + 8, (uint)_chunkSizeBytes);
            Bytes.WriteUInt64(_final, position + 12, (ulong)_chunkCount);
            _hmac.Compute(_final, digest, offset);
            _finished = true;
        }

        private void HashBlock(int length)
        {
            // Zero padding keeps every block C bytes long (the one-shot HMAC hashes the whole array);
            // one native clear rather than a managed loop over up to C bytes of a segment's last chunk.
            Array.Clear(_block, ChunkDataOffset + length, _block.Length - ChunkDataOffset - length);

            Bytes.WriteUInt64(_block, IndexOffset, (ulong)_chunkCount);
            Bytes.WriteUInt32(_block, LengthOffset, (uint)length);
            _hmac.Compute(_block, _mac, 0);
            Array.Copy(_mac, 0, _block, 0, DigestSizeBytes);
            _chunkCount++;
            _totalLength += length;
        }
    }
}

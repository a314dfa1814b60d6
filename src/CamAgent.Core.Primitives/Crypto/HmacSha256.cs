using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Managed HMAC-SHA256 (RFC 2104) over <see cref="Sha256"/>, for small inputs: RFC 6979
    /// nonce derivation and host-side checks. Incremental: SetKey, Update..., Final; Final leaves
    /// the instance keyed and ready for the next message. The key schedule (the 64-byte padded
    /// key) is held in buffers allocated once; nothing is allocated after construction.
    /// Not thread-safe: one instance per user.
    /// </summary>
    public sealed class HmacSha256 : IHmacSha256
    {
        /// <summary>Size of an HMAC-SHA256 tag in bytes.</summary>
        public const int MacSizeBytes = Sha256.DigestSizeBytes;

        // RFC 2104 §2: B, the block length of SHA-256, and the two pad bytes.
        private const int BlockSizeBytes = 64;
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private static readonly byte[] EmptyKey = new byte[0];

        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly byte[] _paddedKey = new byte[BlockSizeBytes];
        private readonly byte[] _innerPadBlock = new byte[BlockSizeBytes];
        private readonly byte[] _outerPadBlock = new byte[BlockSizeBytes];
        private readonly byte[] _innerDigest = new byte[Sha256.DigestSizeBytes];

        /// <summary>Creates an instance keyed with the empty key; call <see cref="SetKey"/> before use.</summary>
        public HmacSha256()
        {
            SetKey(EmptyKey, 0, 0);
        }

        /// <summary>Creates an instance keyed with all of <paramref name="key"/>.</summary>
        public HmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            SetKey(key, 0, key.Length);
        }

        /// <summary>
        /// Sets the key to <paramref name="count"/> bytes of <paramref name="key"/> at
        /// <paramref name="offset"/> (keys longer than 64 bytes are hashed first, RFC 2104 §2) and
        /// starts a new message. The key bytes are copied; the caller keeps ownership.
        /// </summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            Bytes.CheckRange(key, offset, count, "key");
            Array.Clear(_paddedKey, 0, BlockSizeBytes);
            if (count > BlockSizeBytes)
            {
                _inner.Reset();
                _inner.Update(key, offset, count);
                _inner.Final(_paddedKey, 0);
            }
            else
            {
                Array.Copy(key, offset, _paddedKey, 0, count);
            }

            for (int i = 0; i < BlockSizeBytes; i++)
            {
                _innerPadBlock[i] = (byte)(_paddedKey[i] ^ InnerPad);
                _outerPadBlock[i] = (byte)(_paddedKey[i] ^ OuterPad);
            }

            Restart();
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> at <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Adds one byte.</summary>
        public void Update(byte value)
        {
            _inner.Update(value);
        }

        /// <summary>
        /// Writes the 32-byte tag into <paramref name="mac"/> at <paramref name="macOffset"/> and
        /// starts a new message under the same key.
        /// </summary>
        public void Final(byte[] mac, int macOffset)
        {
            if (mac == null)
            {
                throw new ArgumentNullException("mac");
            }

            if (macOffset < 0 || macOffset > mac.Length - MacSizeBytes)
            {
                throw new ArgumentOutOfRangeException("macOffset");
            }

            _inner.Final(_innerDigest, 0);
            _outer.Reset();
            _outer.Update(_outerPadBlock, 0, BlockSizeBytes);
            _outer.Update(_innerDigest, 0, Sha256.DigestSizeBytes);
            _outer.Final(mac, macOffset);
            Array.Clear(_innerDigest, 0, Sha256.DigestSizeBytes);
            Restart();
        }

        /// <summary><see cref="IHmacSha256"/>: the tag of all of <paramref name="data"/> under the current key.</summary>
        public void Compute(byte[] data, byte[] mac, int macOffset)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            Restart();
            Update(data, 0, data.Length);
            Final(mac, macOffset);
        }

        /// <summary>Overwrites the key material held by this instance.</summary>
        public void Clear()
        {
            SetKey(EmptyKey, 0, 0);
        }

        private void Restart()
        {
            _inner.Reset();
            _inner.Update(_innerPadBlock, 0, BlockSizeBytes);
        }
    }
}

using System;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Deterministic ECDSA nonces for P-256 with SHA-256 (RFC 6979 §3.2, HMAC_DRBG over
    /// HMAC-SHA256). Because qlen = hlen = 256, bits2int is a plain big-endian read, one HMAC
    /// block fills T, and bits2octets(h) is h mod n written back as 32 bytes (§2.3.2-2.3.4).
    /// Usage: <see cref="Start"/> once per message, then <see cref="Next"/> until the caller
    /// accepts the candidate (§3.2 step h.3: a candidate giving r = 0 or s = 0 is refused by
    /// calling Next again). Buffers are allocated once; not thread-safe.
    /// </summary>
    public sealed class Rfc6979Nonce
    {
        private const int Size = Uint256.SizeBytes;
        private const byte Separator0 = 0x00;
        private const byte Separator1 = 0x01;

        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly byte[] _k = new byte[Size];
        private readonly byte[] _v = new byte[Size];
        private readonly uint[] _candidate = new uint[Uint256.Limbs];
        private readonly uint[] _reduced = new uint[Uint256.Limbs];
        private readonly byte[] _hashOctets = new byte[Size];
        private bool _started;
        private bool _pendingReseed;

        /// <summary>
        /// Steps a-g for the private key x (32 bytes big-endian at <paramref name="keyOffset"/>,
        /// already validated 1 &lt;= x &lt; n) and the message digest h1 (32 bytes at
        /// <paramref name="digestOffset"/>).
        /// </summary>
        public void Start(byte[] privateKey, int keyOffset, byte[] digest, int digestOffset)
        {
            // bits2octets(h1) = int2octets(bits2int(h1) mod q)
            Uint256.FromBytes(_candidate, digest, digestOffset);
            uint borrow = Uint256.Subtract(_reduced, _candidate, P256Scalar.Order);
            Uint256.Select(_candidate, _reduced, borrow - 1);
            Uint256.ToBytes(_candidate, _hashOctets, 0);

            for (int i = 0; i < Size; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }

            Mix(Separator0, privateKey, keyOffset);   // d, e
            Mix(Separator1, privateKey, keyOffset);   // f, g
            _started = true;
            _pendingReseed = false;
        }

        /// <summary>
        /// Step h: writes the next candidate k (1 &lt;= k &lt; n) into <paramref name="k"/>. Values
        /// outside the range are skipped as §3.2 h.3 requires.
        /// </summary>
        public void Next(uint[] k)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start must be called first");
            }

            while (true)
            {
                if (_pendingReseed)
                {
                    Hmac(_k, _v, Size, true, Separator0);   // K = HMAC_K(V || 0x00)
                    Hmac(_v, _v, Size, false, 0);           // V = HMAC_K(V)
                }

                _pendingReseed = true;
                Hmac(_v, _v, Size, false, 0);               // T = V = HMAC_K(V)
                Uint256.FromBytes(k, _v, 0);
                if (P256Scalar.IsInRange(k))
                {
                    return;
                }
            }
        }

        /// <summary>Overwrites the DRBG state (it determines the nonce, so it is as secret as the key).</summary>
        public void Clear()
        {
            Array.Clear(_k, 0, Size);
            Array.Clear(_v, 0, Size);
            Array.Clear(_hashOctets, 0, Size);
            Array.Clear(_candidate, 0, _candidate.Length);
            Array.Clear(_reduced, 0, _reduced.Length);
            _hmac.Clear();
            _started = false;
        }

        // K = HMAC_K(V || separator || int2octets(x) || bits2octets(h1)); V = HMAC_K(V).
        private void Mix(byte separator, byte[] privateKey, int keyOffset)
        {
            _hmac.SetKey(_k, 0, Size);
            _hmac.Update(_v, 0, Size);
            _hmac.Update(separator);
            _hmac.Update(privateKey, keyOffset, Size);
            _hmac.Update(_hashOctets, 0, Size);
            _hmac.Final(_k, 0);
            Hmac(_v, _v, Size, false, 0);
        }

        // output = HMAC_K(input[0..count) [|| separator]); output may be input.
        private void Hmac(byte[] output, byte[] input, int count, bool appendSeparator, byte separator)
        {
            _hmac.SetKey(_k, 0, Size);
            _hmac.Update(input, 0, count);
            if (appendSeparator)
            {
                _hmac.Update(separator);
            }

            _hmac.Final(output, 0);
        }
    }
}

using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Managed ES256 signer (ECDSA over P-256 with SHA-256; FIPS 186-4 §6.4, SEC 1 §4.1.3) with
    /// RFC 6979 deterministic nonces, for devices without a secure element. The same digest and
    /// key always give the same signature, so no random source is needed. Signatures are r || s,
    /// 32 bytes each, big-endian (RFC 9053 §2.1); s is NOT normalised to the low half of the
    /// order, so the output matches RFC 6979's test vectors (verifiers, .NET's included, accept
    /// both). All working memory is allocated by the constructor; <see cref="SignDigest"/>
    /// allocates nothing. Not thread-safe: one instance per signing thread.
    /// </summary>
    public sealed class EcdsaP256Signer : ISigner, IDisposable
    {
        /// <summary>Size of a private key: the big-endian scalar d.</summary>
        public const int PrivateKeySizeBytes = 32;

        /// <summary>Size of an uncompressed SEC1 public key: 0x04 || X || Y.</summary>
        public const int PublicKeySizeBytes = 65;

        /// <summary>Size of a signature r || s.</summary>
        public const int SignatureSizeBytes = 64;

        /// <summary>Size of the digest that is signed (SHA-256).</summary>
        public const int DigestSizeBytes = 32;

        private readonly P256Field _field = new P256Field();
        private readonly P256Scalar _scalar = new P256Scalar();
        private readonly P256PointArithmetic _arith;
        private readonly P256FixedBaseMultiplier _comb;
        private readonly Rfc6979Nonce _nonce = new Rfc6979Nonce();
        private readonly P256JacobianPoint _point = new P256JacobianPoint();
        private readonly byte[] _keyBytes = new byte[PrivateKeySizeBytes];
        private readonly byte[] _publicKey = new byte[PublicKeySizeBytes];
        private readonly uint[] _d = new uint[Uint256.Limbs];
        private readonly uint[] _e = new uint[Uint256.Limbs];
        private readonly uint[] _k = new uint[Uint256.Limbs];
        private readonly uint[] _kInverse = new uint[Uint256.Limbs];
        private readonly uint[] _r = new uint[Uint256.Limbs];
        private readonly uint[] _s = new uint[Uint256.Limbs];
        private readonly uint[] _y = new uint[Uint256.Limbs];
        private bool _disposed;

        /// <summary>Creates a signer for the 32-byte private key; see <see cref="EcdsaP256Signer(byte[], int)"/>.</summary>
        public EcdsaP256Signer(byte[] privateKey32)
            : this(privateKey32, 0)
        {
        }

        /// <summary>
        /// Creates a signer for the big-endian private key d at <paramref name="offset"/> (32 bytes)
        /// and derives its public key (one fixed-base multiplication). The key bytes are copied.
        /// Throws <see cref="ArgumentException"/> unless 1 &lt;= d &lt; n; callers holding key bytes
        /// from storage check <see cref="IsValidPrivateKey"/> first and report
        /// <see cref="SignerStatus.NoKey"/> instead.
        /// </summary>
        public EcdsaP256Signer(byte[] privateKey, int offset)
        {
            if (!IsValidPrivateKey(privateKey, offset))
            {
                throw new ArgumentException("not a P-256 private key: need 32 bytes with 1 <= d < n", "privateKey");
            }

            _arith = new P256PointArithmetic(_field);
            _comb = new P256FixedBaseMultiplier(_arith);
            Array.Copy(privateKey, offset, _keyBytes, 0, PrivateKeySizeBytes);
            Uint256.FromBytes(_d, _keyBytes, 0);

            _comb.Multiply(_point, _d);
            _arith.ToAffine(_r, _y, _point);
            _publicKey[0] = P256PublicKey.UncompressedPrefix;
            Uint256.ToBytes(_r, _publicKey, 1);
            Uint256.ToBytes(_y, _publicKey, 1 + Uint256.SizeBytes);
            ClearWorkingValues();
            ResetCounters();
        }

        /// <summary>True when 32 bytes at <paramref name="offset"/> hold a private key 1 &lt;= d &lt; n.</summary>
        public static bool IsValidPrivateKey(byte[] privateKey, int offset)
        {
            if (privateKey == null || offset < 0 || offset > privateKey.Length - PrivateKeySizeBytes)
            {
                return false;
            }

            uint[] d = new uint[Uint256.Limbs];
            Uint256.FromBytes(d, privateKey, offset);
            bool valid = P256Scalar.IsInRange(d);
            Array.Clear(d, 0, d.Length);
            return valid;
        }

        /// <inheritdoc />
        public SignerKind Kind
        {
            get { return SignerKind.Software; }
        }

        /// <summary>Field multiplications since construction or <see cref="ResetCounters"/> (diagnostics, benchmarks).</summary>
        public long FieldMultiplyCount
        {
            get { return _field.MultiplyCount; }
        }

        /// <summary>Field squarings since construction or <see cref="ResetCounters"/>.</summary>
        public long FieldSquareCount
        {
            get { return _field.SquareCount; }
        }

        /// <summary>Products modulo n (Montgomery) since construction or <see cref="ResetCounters"/>.</summary>
        public long ScalarMultiplyCount
        {
            get { return _scalar.MultiplyCount; }
        }

        /// <summary>Zeroes the operation counters.</summary>
        public void ResetCounters()
        {
            _field.ResetCounters();
            _scalar.ResetCounters();
        }

        /// <summary>Writes the 65-byte public key; <see cref="SignerStatus.NoKey"/> after <see cref="Dispose"/>.</summary>
        public SignerStatus GetPublicKey(byte[] publicKey, int offset)
        {
            Bytes.CheckRange(publicKey, offset, PublicKeySizeBytes, "publicKey");
            if (_disposed)
            {
                return SignerStatus.NoKey;
            }

            Array.Copy(_publicKey, 0, publicKey, offset, PublicKeySizeBytes);
            return SignerStatus.Ok;
        }

        /// <summary>
        /// Signs the 32-byte digest (FIPS 186-4 §6.4 with k from RFC 6979 §3.2) and writes r || s.
        /// Returns <see cref="SignerStatus.Ok"/>, or <see cref="SignerStatus.NoKey"/> after
        /// <see cref="Dispose"/> (nothing written). Costs about 1,500 field operations.
        /// </summary>
        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
        {
            Bytes.CheckRange(digest, digestOffset, DigestSizeBytes, "digest");
            Bytes.CheckRange(signature, signatureOffset, SignatureSizeBytes, "signature");
            if (_disposed)
            {
                return SignerStatus.NoKey;
            }

            // e = bits2int(H(m)) mod n; the digest is exactly qlen bits, so no shift is needed.
            Uint256.FromBytes(_e, digest, digestOffset);
            _scalar.ReduceOnce(_e);
            _nonce.Start(_keyBytes, 0, digest, digestOffset);
            while (!TrySign())
            {
                // RFC 6979 §3.2 h.3: r = 0 or s = 0 (probability ~2^-256) takes the next candidate.
            }

            Uint256.ToBytes(_r, signature, signatureOffset);
            Uint256.ToBytes(_s, signature, signatureOffset + Uint256.SizeBytes);
            ClearWorkingValues();
            return SignerStatus.Ok;
        }

        /// <summary>Overwrites the private key and all derived secrets; later calls report NoKey.</summary>
        public void Dispose()
        {
            ClearWorkingValues();
            Array.Clear(_keyBytes, 0, _keyBytes.Length);
            Array.Clear(_d, 0, _d.Length);
            _disposed = true;
        }

        private bool TrySign()
        {
            _nonce.Next(_k);
            _comb.Multiply(_point, _k);
            _arith.ToAffine(_r, _y, _point);    // k in [1, n-1], so kG is never infinity
            _scalar.ReduceOnce(_r);             // r = x(kG) mod n
            if (Uint256.IsZeroMask(_r) != 0)
            {
                return false;
            }

            // s = k^-1 (e + r d) mod n
            _scalar.Multiply(_s, _r, _d);
            _scalar.Add(_s, _s, _e);
            _scalar.Invert(_kInverse, _k);
            _scalar.Multiply(_s, _kInverse, _s);
            return Uint256.IsZeroMask(_s) == 0;
        }

        private void ClearWorkingValues()
        {
            Array.Clear(_k, 0, _k.Length);
            Array.Clear(_kInverse, 0, _kInverse.Length);
            Array.Clear(_e, 0, _e.Length);
            Array.Clear(_r, 0, _r.Length);
            Array.Clear(_s, 0, _s.Length);
            Array.Clear(_y, 0, _y.Length);
            _point.SetInfinity();
            _nonce.Clear();
            _scalar.Clear();
        }
    }
}

using System;
using CamAgent.Core.Binary;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Verifies ES256 signatures (ECDSA P-256 / SHA-256, FIPS 186-4 §6.4.2, SEC 1 §4.1.4) over a
    /// 32-byte digest: signature r || s (64 bytes, big-endian, high or low s), public key as a
    /// 65-byte uncompressed SEC1 point. Rejects keys that are not on the curve, r or s outside
    /// [1, n-1], and a sum at infinity. All inputs are public, so this is variable-time.
    /// u1 G + u2 Q runs as one joint comb pass (<see cref="P256JointMultiplier"/>) over the
    /// constant table of G and a table for Q that an instance builds once per key and keeps:
    /// the device verifies every receipt under one pinned key, so after the first call a
    /// verification costs about 1,750 field operations instead of about 3,800.
    /// An instance holds about 4.7 KB on a 64-bit host, less on the device (the key table,
    /// working values, mod-n scratch) and can be reused; building a key table allocates about
    /// 2 KB of transient scratch; the static
    /// <see cref="Verify"/> allocates a new instance per call. Instances are not thread-safe.
    /// </summary>
    public sealed class EcdsaP256Verifier
    {
        private readonly P256Field _field = new P256Field();
        private readonly P256Scalar _scalar = new P256Scalar();
        private readonly P256PointArithmetic _arith;
        private readonly P256JointMultiplier _joint;
        private readonly P256PointCombTable _keyTable = new P256PointCombTable();
        private readonly byte[] _tableKey = new byte[P256PublicKey.SizeBytes];
        private readonly P256JacobianPoint _sum = new P256JacobianPoint();
        private bool _tableValid;
        private readonly uint[] _qx = new uint[Uint256.Limbs];
        private readonly uint[] _qy = new uint[Uint256.Limbs];
        private readonly uint[] _r = new uint[Uint256.Limbs];
        private readonly uint[] _s = new uint[Uint256.Limbs];
        private readonly uint[] _e = new uint[Uint256.Limbs];
        private readonly uint[] _w = new uint[Uint256.Limbs];
        private readonly uint[] _t1 = new uint[Uint256.Limbs];
        private readonly uint[] _t2 = new uint[Uint256.Limbs];

        public EcdsaP256Verifier()
        {
            _arith = new P256PointArithmetic(_field);
            _joint = new P256JointMultiplier(_arith);
        }

        /// <summary>Field multiplications since construction or <see cref="ResetCounters"/>.</summary>
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

        /// <summary>
        /// True when <paramref name="signature64"/> (r || s at <paramref name="sigOffset"/>) is a
        /// valid signature of the digest at <paramref name="digestOffset"/> under the public key
        /// at <paramref name="pkOffset"/>. False for any invalid key or signature. Throws only for
        /// null buffers or ranges outside them. Allocates a verifier; reuse an instance and call
        /// <see cref="VerifyDigest"/> where allocation matters.
        /// </summary>
        public static bool Verify(byte[] publicKey65, int pkOffset, byte[] digest32, int digestOffset, byte[] signature64, int sigOffset)
        {
            return new EcdsaP256Verifier().VerifyDigest(publicKey65, pkOffset, digest32, digestOffset, signature64, sigOffset);
        }

        /// <summary>
        /// As <see cref="Verify"/>, on this instance's buffers. Allocates nothing when the key is the
        /// key of the previous call; otherwise validates it and builds its table first.
        /// </summary>
        public bool VerifyDigest(byte[] publicKey65, int pkOffset, byte[] digest32, int digestOffset, byte[] signature64, int sigOffset)
        {
            Bytes.CheckRange(publicKey65, pkOffset, P256PublicKey.SizeBytes, "publicKey65");
            Bytes.CheckRange(digest32, digestOffset, Uint256.SizeBytes, "digest32");
            Bytes.CheckRange(signature64, sigOffset, 2 * Uint256.SizeBytes, "signature64");

            Uint256.FromBytes(_r, signature64, sigOffset);
            Uint256.FromBytes(_s, signature64, sigOffset + Uint256.SizeBytes);
            if (!P256Scalar.IsInRange(_r) || !P256Scalar.IsInRange(_s))
            {
                return false;
            }

            if (!UseKey(publicKey65, pkOffset))
            {
                return false;
            }

            // e = bits2int(digest) mod n; w = s^-1; u1 = e w; u2 = r w.
            Uint256.FromBytes(_e, digest32, digestOffset);
            _scalar.ReduceOnce(_e);
            _scalar.Invert(_w, _s);
            _scalar.Multiply(_e, _e, _w);
            _scalar.Multiply(_w, _r, _w);

            _joint.Multiply(_sum, _e, _w, _keyTable.Points);
            if (_sum.IsInfinity)
            {
                return false;
            }

            return XMatches(_sum);
        }

        // Validates the key and builds its comb table, unless it is the key of the last call.
        private bool UseKey(byte[] publicKey, int offset)
        {
            if (_tableValid && SameKey(publicKey, offset))
            {
                return true;
            }

            _tableValid = false;
            if (!P256PublicKey.TryDecode(publicKey, offset, _qx, _qy, _field, _t1, _t2))
            {
                return false;
            }

            _keyTable.Build(_qx, _qy, _arith);
            Array.Copy(publicKey, offset, _tableKey, 0, P256PublicKey.SizeBytes);
            _tableValid = true;
            return true;
        }

        private bool SameKey(byte[] publicKey, int offset)
        {
            for (int i = 0; i < P256PublicKey.SizeBytes; i++)
            {
                if (_tableKey[i] != publicKey[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        // x(R) mod n == r without an inversion: with R = (X : Y : Z), x(R) = X / Z^2, and x(R) < p,
        // so x(R) mod n == r means x(R) is r or (when r + n < p) r + n. Compare X with c Z^2 for both.
        private bool XMatches(P256JacobianPoint point)
        {
            uint[] zz = _t1, candidate = _t2;
            _field.Square(zz, point.Z);
            _field.Multiply(candidate, _r, zz);
            if (Uint256.EqualMask(candidate, point.X) != 0)
            {
                return true;
            }

            uint carry = Uint256.Add(candidate, _r, P256Scalar.Order);
            if (carry != 0 || !Uint256.LessThan(candidate, P256Field.Prime))
            {
                return false;
            }

            _field.Multiply(candidate, candidate, zz);
            return Uint256.EqualMask(candidate, point.X) != 0;
        }
    }
}

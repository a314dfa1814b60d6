namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Decoding and validation of uncompressed SEC1 P-256 public keys (SEC 1 §2.3.4 and the
    /// partial public-key validation of §3.2.3: coordinates in [0, p) and y^2 = x^3 - 3x + b).
    /// The point at infinity has no 65-byte encoding, and P-256 has cofactor 1, so a point that
    /// passes is a valid public key.
    /// </summary>
    public static class P256PublicKey
    {
        /// <summary>First byte of an uncompressed point.</summary>
        public const byte UncompressedPrefix = 0x04;

        /// <summary>Size of the encoding: prefix, X, Y.</summary>
        public const int SizeBytes = 1 + (2 * Uint256.SizeBytes);

        /// <summary>The curve coefficient b (FIPS 186-4 D.1.2.3), least significant limb first.</summary>
        public static readonly uint[] CurveB = new uint[]
        {
            0x27D2604B, 0x3BCE3C3E, 0xCC53B0F6, 0x651D06B0, 0x769886BC, 0xB3EBBD55, 0xAA3A93E7, 0x5AC635D8,
        };

        /// <summary>
        /// Reads the 65-byte key at <paramref name="offset"/> into affine (x, y) and returns true
        /// when it is a valid point; false for a wrong prefix, a coordinate &gt;= p or a point off
        /// the curve (x and y then hold unspecified values). The curve equation costs 2
        /// multiplications and 2 squarings on <paramref name="field"/>; <paramref name="rhs"/> and
        /// <paramref name="lhs"/> are 8-limb scratch buffers owned by the caller.
        /// </summary>
        public static bool TryDecode(byte[] key, int offset, uint[] x, uint[] y, P256Field field, uint[] rhs, uint[] lhs)
        {
            if (key[offset] != UncompressedPrefix)
            {
                return false;
            }

            Uint256.FromBytes(x, key, offset + 1);
            Uint256.FromBytes(y, key, offset + 1 + Uint256.SizeBytes);
            if (!Uint256.LessThan(x, P256Field.Prime) || !Uint256.LessThan(y, P256Field.Prime))
            {
                return false;
            }

            // rhs = (x^2 - 3) x + b
            Uint256.Set(lhs, MinusCurveA);
            field.Square(rhs, x);
            field.Subtract(rhs, rhs, lhs);
            field.Multiply(rhs, rhs, x);
            field.Add(rhs, rhs, CurveB);
            field.Square(lhs, y);
            return Uint256.EqualMask(lhs, rhs) != 0;
        }

        // The curve coefficient a = -3, held as the subtrahend 3.
        private const uint MinusCurveA = 3;
    }
}

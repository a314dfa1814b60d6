using System;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Arithmetic modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (FIPS 186-4 D.1.2.3)
    /// on <see cref="Uint256"/> limbs. Elements are kept fully reduced (0 &lt;= a &lt; p) and in
    /// plain (not Montgomery) form. Products use schoolbook 32x32->64 multiplication and the
    /// NIST fast reduction (FIPS 186-4 D.2.3 / Solinas), which needs only additions because p is
    /// a sum of powers of 2^32. No branch depends on the values. Outputs may alias inputs.
    /// An instance owns its scratch space and counts its multiplications and squarings; it is
    /// not thread-safe.
    /// </summary>
    public sealed class P256Field
    {
        /// <summary>The prime p, least significant limb first.</summary>
        public static readonly uint[] Prime = new uint[]
        {
            0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF,
        };

        private const int WideLimbs = 2 * Uint256.Limbs;

        private readonly uint[] _wide = new uint[WideLimbs];
        private readonly uint[] _reduced = new uint[Uint256.Limbs];
        private readonly uint[] _inv2 = new uint[Uint256.Limbs];
        private readonly uint[] _inv3 = new uint[Uint256.Limbs];
        private readonly uint[] _inv15 = new uint[Uint256.Limbs];
        private readonly uint[] _inv30 = new uint[Uint256.Limbs];
        private readonly uint[] _inv32 = new uint[Uint256.Limbs];
        private readonly uint[] _invT = new uint[Uint256.Limbs];

        /// <summary>Number of <see cref="Multiply"/> calls since creation or <see cref="ResetCounters"/>.</summary>
        public long MultiplyCount { get; private set; }

        /// <summary>Number of <see cref="Square"/> calls since creation or <see cref="ResetCounters"/>.</summary>
        public long SquareCount { get; private set; }

        /// <summary>Zeroes both operation counters.</summary>
        public void ResetCounters()
        {
            MultiplyCount = 0;
            SquareCount = 0;
        }

        /// <summary>result = a * b mod p.</summary>
        public void Multiply(uint[] result, uint[] a, uint[] b)
        {
            MultiplyCount++;
            MultiplyWide(a, b);
            Reduce(result);
        }

        /// <summary>result = a^2 mod p.</summary>
        public void Square(uint[] result, uint[] a)
        {
            SquareCount++;
            SquareWide(a);
            Reduce(result);
        }

        /// <summary>result = a^(2^times) mod p: <paramref name="times"/> successive squarings.</summary>
        public void SquareRepeatedly(uint[] result, uint[] a, int times)
        {
            Uint256.Copy(result, a);
            for (int i = 0; i < times; i++)
            {
                Square(result, result);
            }
        }

        /// <summary>result = a + b mod p.</summary>
        public void Add(uint[] result, uint[] a, uint[] b)
        {
            uint carry = Uint256.Add(result, a, b);
            uint borrow = Uint256.Subtract(_reduced, result, Prime);

            // Take a + b - p when a + b overflowed 2^256 or was at least p.
            uint useReduced = (0u - carry) | (borrow - 1);
            Uint256.Select(result, _reduced, useReduced);
        }

        /// <summary>result = a - b mod p.</summary>
        public void Subtract(uint[] result, uint[] a, uint[] b)
        {
            uint borrow = Uint256.Subtract(result, a, b);
            uint mask = 0u - borrow;
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                _reduced[i] = Prime[i] & mask;
            }

            Uint256.Add(result, result, _reduced);
        }

        /// <summary>
        /// result = a^-1 mod p by Fermat (a^(p-2)); 0 maps to 0. The exponent is public, so a fixed
        /// addition chain runs: 255 squarings and 12 multiplications whatever the value.
        /// p - 2 = FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFD (hex words).
        /// </summary>
        public void Invert(uint[] result, uint[] a)
        {
            // xN holds a^(2^N - 1), i.e. N one bits of exponent.
            uint[] x2 = _inv2, x3 = _inv3, x15 = _inv15, x30 = _inv30, x32 = _inv32, t = _invT;
            Square(t, a);
            Multiply(x2, t, a);
            Square(t, x2);
            Multiply(x3, t, a);
            SquareRepeatedly(t, x3, 3);
            Multiply(t, t, x3);                 // a^(2^6 - 1)
            SquareRepeatedly(x15, t, 6);
            Multiply(x15, x15, t);              // a^(2^12 - 1)
            SquareRepeatedly(x15, x15, 3);
            Multiply(x15, x15, x3);
            SquareRepeatedly(x30, x15, 15);
            Multiply(x30, x30, x15);
            SquareRepeatedly(x32, x30, 2);
            Multiply(x32, x32, x2);

            SquareRepeatedly(t, x32, 32);
            Multiply(t, t, a);                  // exponent FFFFFFFF 00000001
            SquareRepeatedly(t, t, 128);
            Multiply(t, t, x32);                // ... 00000000 x3, FFFFFFFF
            SquareRepeatedly(t, t, 32);
            Multiply(t, t, x32);                // ... FFFFFFFF
            SquareRepeatedly(t, t, 30);
            Multiply(t, t, x30);
            SquareRepeatedly(t, t, 2);
            Multiply(result, t, a);             // ... FFFFFFFD
        }

        // Schoolbook product into _wide; carries fit a ulong because
        // (2^32-1)^2 + 2(2^32-1) = 2^64 - 1.
        private void MultiplyWide(uint[] a, uint[] b)
        {
            uint[] w = _wide;
            Array.Clear(w, 0, WideLimbs);
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < Uint256.Limbs; j++)
                {
                    ulong t = (ai * b[j]) + w[i + j] + carry;
                    w[i + j] = (uint)t;
                    carry = t >> 32;
                }

                w[i + Uint256.Limbs] = (uint)carry;
            }
        }

        // Squaring computes each cross product once, doubles them, then adds the squares:
        // 36 limb products instead of 64.
        private void SquareWide(uint[] a)
        {
            uint[] w = _wide;
            Array.Clear(w, 0, WideLimbs);
            for (int i = 0; i < Uint256.Limbs - 1; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = i + 1; j < Uint256.Limbs; j++)
                {
                    ulong t = (ai * a[j]) + w[i + j] + carry;
                    w[i + j] = (uint)t;
                    carry = t >> 32;
                }

                w[i + Uint256.Limbs] = (uint)carry;
            }

            uint top = 0;
            for (int k = 0; k < WideLimbs; k++)
            {
                uint limb = w[k];
                w[k] = (limb << 1) | top;
                top = limb >> 31;
            }

            ulong c = 0;
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                ulong ai = a[i];
                ulong t = (ai * ai) + w[2 * i] + c;
                w[2 * i] = (uint)t;
                t = (t >> 32) + w[(2 * i) + 1];
                w[(2 * i) + 1] = (uint)t;
                c = t >> 32;
            }
        }

        // FIPS 186-4 D.2.3: with the 512-bit product as 32-bit words c15..c0,
        // r = s1 + 2 s2 + 2 s3 + s4 + s5 - d1 - d2 - d3 - d4 (mod p). Column sums per limb below.
        // The running sum is signed. On nanoCLR a long widened from a uint keeps an unsigned tag
        // and ">>" on it becomes logical, so the accumulator is seeded from a signed literal and
        // only ever grows by += / -= of limbs.
        private void Reduce(uint[] result)
        {
            uint[] c = _wide;
            long acc = 0;
            acc += c[0]; acc += c[8]; acc += c[9]; acc -= c[11]; acc -= c[12]; acc -= c[13]; acc -= c[14];
            result[0] = (uint)acc; acc >>= 32;
            acc += c[1]; acc += c[9]; acc += c[10]; acc -= c[12]; acc -= c[13]; acc -= c[14]; acc -= c[15];
            result[1] = (uint)acc; acc >>= 32;
            acc += c[2]; acc += c[10]; acc += c[11]; acc -= c[13]; acc -= c[14]; acc -= c[15];
            result[2] = (uint)acc; acc >>= 32;
            acc += c[3]; acc += c[11]; acc += c[11]; acc += c[12]; acc += c[12]; acc += c[13];
            acc -= c[15]; acc -= c[8]; acc -= c[9];
            result[3] = (uint)acc; acc >>= 32;
            acc += c[4]; acc += c[12]; acc += c[12]; acc += c[13]; acc += c[13]; acc += c[14];
            acc -= c[9]; acc -= c[10];
            result[4] = (uint)acc; acc >>= 32;
            acc += c[5]; acc += c[13]; acc += c[13]; acc += c[14]; acc += c[14]; acc += c[15];
            acc -= c[10]; acc -= c[11];
            result[5] = (uint)acc; acc >>= 32;
            acc += c[6]; acc += c[14]; acc += c[14]; acc += c[14]; acc += c[15]; acc += c[15]; acc += c[13];
            acc -= c[8]; acc -= c[9];
            result[6] = (uint)acc; acc >>= 32;
            acc += c[7]; acc += c[15]; acc += c[15]; acc += c[15]; acc += c[8];
            acc -= c[10]; acc -= c[11]; acc -= c[12]; acc -= c[13];
            result[7] = (uint)acc; acc >>= 32;

            // acc is now the signed overflow k in [-4, 6]. Fold k * 2^256 back in using
            // 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p). The first fold leaves an overflow in
            // {-1, 0, 1}; the second cannot overflow again, so two fixed folds always suffice.
            acc = Fold(result, acc);
            Fold(result, acc);

            // Now 0 <= result < 2^256 < 2p: one masked subtraction of p finishes.
            uint borrow = Uint256.Subtract(_reduced, result, Prime);
            Uint256.Select(result, _reduced, borrow - 1);
        }

        private static long Fold(uint[] r, long k)
        {
            long acc = 0;
            acc += r[0]; acc += k; r[0] = (uint)acc; acc >>= 32;
            acc += r[1]; r[1] = (uint)acc; acc >>= 32;
            acc += r[2]; r[2] = (uint)acc; acc >>= 32;
            acc += r[3]; acc -= k; r[3] = (uint)acc; acc >>= 32;
            acc += r[4]; r[4] = (uint)acc; acc >>= 32;
            acc += r[5]; r[5] = (uint)acc; acc >>= 32;
            acc += r[6]; acc -= k; r[6] = (uint)acc; acc >>= 32;
            acc += r[7]; acc += k; r[7] = (uint)acc; acc >>= 32;
            return acc;
        }
    }
}

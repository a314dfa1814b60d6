using System;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Arithmetic modulo the P-256 group order n (FIPS 186-4 D.1.2.3) on <see cref="Uint256"/>
    /// limbs. n has no special form, so products use Montgomery multiplication (CIOS, with
    /// R = 2^256); callers convert with <see cref="ToMontgomery"/> where noted. All results are
    /// fully reduced (0 &lt;= x &lt; n). No branch depends on the operands. Outputs may alias
    /// inputs. An instance owns its scratch space; not thread-safe.
    /// </summary>
    public sealed class P256Scalar
    {
        /// <summary>The group order n, least significant limb first.</summary>
        public static readonly uint[] Order = new uint[]
        {
            0xFC632551, 0xF3B9CAC2, 0xA7179E84, 0xBCE6FAAD, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF,
        };

        /// <summary>-n^-1 mod 2^32, the Montgomery reduction factor for the low limb.</summary>
        public const uint MontgomeryFactor = 0xEE00BC4F;

        /// <summary>R^2 mod n with R = 2^256; multiplying by it converts into Montgomery form.</summary>
        public static readonly uint[] MontgomeryRSquared = new uint[]
        {
            0xBE79EEA2, 0x83244C95, 0x49BD6FA6, 0x4699799C, 0x2B6BEC59, 0x2845B239, 0xF3D95620, 0x66E12D94,
        };

        // Fixed window for the public exponent n - 2 in Invert.
        private const int WindowBits = 4;
        private const int WindowEntries = 1 << WindowBits;

        private readonly uint[] _t = new uint[Uint256.Limbs + 2];
        private readonly uint[] _tmp = new uint[Uint256.Limbs];
        private readonly uint[] _montSub = new uint[Uint256.Limbs];
        private readonly uint[] _montA = new uint[Uint256.Limbs];
        private readonly uint[] _exponent = new uint[Uint256.Limbs];
        private readonly uint[][] _powers;

        public P256Scalar()
        {
            _powers = new uint[WindowEntries][];
            for (int i = 0; i < WindowEntries; i++)
            {
                _powers[i] = new uint[Uint256.Limbs];
            }
        }

        /// <summary>Number of Montgomery products since creation or <see cref="ResetCounters"/> (each costs about one field multiplication).</summary>
        public long MultiplyCount { get; private set; }

        /// <summary>Zeroes <see cref="MultiplyCount"/>.</summary>
        public void ResetCounters()
        {
            MultiplyCount = 0;
        }

        /// <summary>
        /// Overwrites the scratch space, which after <see cref="Invert"/> or <see cref="Multiply"/>
        /// holds values derived from the operands (a signer's nonce among them).
        /// </summary>
        public void Clear()
        {
            Array.Clear(_t, 0, _t.Length);
            Array.Clear(_tmp, 0, _tmp.Length);
            Array.Clear(_montSub, 0, _montSub.Length);
            Array.Clear(_montA, 0, _montA.Length);
            for (int i = 0; i < WindowEntries; i++)
            {
                Array.Clear(_powers[i], 0, Uint256.Limbs);
            }
        }

        /// <summary>True when 1 &lt;= value &lt; n.</summary>
        public static bool IsInRange(uint[] value)
        {
            return Uint256.IsZeroMask(value) == 0 && Uint256.LessThan(value, Order);
        }

        /// <summary>
        /// Reduces any 256-bit value mod n in place. One masked subtraction is enough because
        /// 2^256 &lt; 2n.
        /// </summary>
        public void ReduceOnce(uint[] value)
        {
            uint borrow = Uint256.Subtract(_tmp, value, Order);
            Uint256.Select(value, _tmp, borrow - 1);
        }

        /// <summary>result = a + b mod n (a, b &lt; n).</summary>
        public void Add(uint[] result, uint[] a, uint[] b)
        {
            uint carry = Uint256.Add(result, a, b);
            uint borrow = Uint256.Subtract(_tmp, result, Order);
            Uint256.Select(result, _tmp, (0u - carry) | (borrow - 1));
        }

        /// <summary>result = a * b * R^-1 mod n (Montgomery product).</summary>
        public void MontgomeryMultiply(uint[] result, uint[] a, uint[] b)
        {
            MultiplyCount++;
            uint[] t = _t;
            Array.Clear(t, 0, t.Length);
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                ulong carry = 0;
                ulong bi = b[i];
                for (int j = 0; j < Uint256.Limbs; j++)
                {
                    ulong s = ((ulong)a[j] * bi) + t[j] + carry;
                    t[j] = (uint)s;
                    carry = s >> 32;
                }

                ulong top = (ulong)t[Uint256.Limbs] + carry;
                t[Uint256.Limbs] = (uint)top;
                t[Uint256.Limbs + 1] = (uint)(top >> 32);

                // Add m * n so the low limb becomes zero, then shift down one limb.
                ulong m = (uint)(t[0] * MontgomeryFactor);
                ulong sum = (m * Order[0]) + t[0];
                carry = sum >> 32;
                for (int j = 1; j < Uint256.Limbs; j++)
                {
                    sum = (m * Order[j]) + t[j] + carry;
                    t[j - 1] = (uint)sum;
                    carry = sum >> 32;
                }

                sum = (ulong)t[Uint256.Limbs] + carry;
                t[Uint256.Limbs - 1] = (uint)sum;
                t[Uint256.Limbs] = t[Uint256.Limbs + 1] + (uint)(sum >> 32);
            }

            // t < 2n: subtract n when t >= n (including when limb 8 holds a carry).
            uint overflow = t[Uint256.Limbs];
            Array.Copy(t, 0, result, 0, Uint256.Limbs);
            uint borrow = Uint256.Subtract(_montSub, result, Order);
            Uint256.Select(result, _montSub, (0u - overflow) | (borrow - 1));
        }

        /// <summary>result = a * R mod n.</summary>
        public void ToMontgomery(uint[] result, uint[] a)
        {
            MontgomeryMultiply(result, a, MontgomeryRSquared);
        }

        /// <summary>result = a * b mod n for plain (non-Montgomery) a and b.</summary>
        public void Multiply(uint[] result, uint[] a, uint[] b)
        {
            ToMontgomery(_montA, a);
            MontgomeryMultiply(result, _montA, b);
        }

        /// <summary>
        /// result = a^-1 mod n (plain form in and out) by Fermat, a^(n-2), with a fixed 4-bit
        /// window over the public exponent: 256 squarings and 64 multiplications plus 14 to fill
        /// the window table, whatever the value. a must be non-zero.
        /// </summary>
        public void Invert(uint[] result, uint[] a)
        {
            uint[][] p = _powers;
            Uint256.Set(_tmp, 1);
            ToMontgomery(p[0], _tmp);
            ToMontgomery(p[1], a);
            for (int i = 2; i < WindowEntries; i++)
            {
                MontgomeryMultiply(p[i], p[i - 1], p[1]);
            }

            Uint256.Set(_exponent, 2);
            Uint256.Subtract(_exponent, Order, _exponent);
            Uint256.Copy(result, p[0]);
            for (int bit = 256 - WindowBits; bit >= 0; bit -= WindowBits)
            {
                for (int s = 0; s < WindowBits; s++)
                {
                    MontgomeryMultiply(result, result, result);
                }

                int window = (int)((_exponent[bit >> 5] >> (bit & 31)) & (WindowEntries - 1));
                MontgomeryMultiply(result, result, p[window]);
            }

            // Leave Montgomery form: multiply by plain 1.
            Uint256.Set(_tmp, 1);
            MontgomeryMultiply(result, result, _tmp);
        }
    }
}

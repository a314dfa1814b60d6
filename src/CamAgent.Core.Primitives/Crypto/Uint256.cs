using System;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// 256-bit unsigned integers as eight 32-bit limbs, least significant limb first
    /// (<c>uint[8]</c>). Conversions to and from the 32-byte big-endian form used on the wire, and
    /// the branch-free comparisons and selections the P-256 code builds on. Masks are
    /// 0xFFFFFFFF for true and 0 for false so they can be ANDed into limbs.
    /// </summary>
    public static class Uint256
    {
        /// <summary>Number of 32-bit limbs.</summary>
        public const int Limbs = 8;

        /// <summary>Size of the big-endian byte form.</summary>
        public const int SizeBytes = 32;

        /// <summary>Reads 32 big-endian bytes at <paramref name="offset"/> into <paramref name="result"/>.</summary>
        public static void FromBytes(uint[] result, byte[] source, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int b = offset + SizeBytes - 4 - (i * 4);
                result[i] = ((uint)source[b] << 24) | ((uint)source[b + 1] << 16) | ((uint)source[b + 2] << 8) | source[b + 3];
            }
        }

        /// <summary>Writes <paramref name="value"/> as 32 big-endian bytes at <paramref name="offset"/>.</summary>
        public static void ToBytes(uint[] value, byte[] destination, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int b = offset + SizeBytes - 4 - (i * 4);
                uint limb = value[i];
                destination[b] = (byte)(limb >> 24);
                destination[b + 1] = (byte)(limb >> 16);
                destination[b + 2] = (byte)(limb >> 8);
                destination[b + 3] = (byte)limb;
            }
        }

        /// <summary>Copies eight limbs.</summary>
        public static void Copy(uint[] destination, uint[] source)
        {
            Array.Copy(source, 0, destination, 0, Limbs);
        }

        /// <summary>Sets <paramref name="value"/> to the small integer <paramref name="small"/>.</summary>
        public static void Set(uint[] value, uint small)
        {
            value[0] = small;
            for (int i = 1; i < Limbs; i++)
            {
                value[i] = 0;
            }
        }

        /// <summary>0xFFFFFFFF when <paramref name="value"/> is zero, else 0; no data-dependent branch.</summary>
        public static uint IsZeroMask(uint[] value)
        {
            uint bits = 0;
            for (int i = 0; i < Limbs; i++)
            {
                bits |= value[i];
            }

            return NonZeroBit(bits) - 1;
        }

        /// <summary>0xFFFFFFFF when <paramref name="a"/> equals <paramref name="b"/>, else 0; no data-dependent branch.</summary>
        public static uint EqualMask(uint[] a, uint[] b)
        {
            uint bits = 0;
            for (int i = 0; i < Limbs; i++)
            {
                bits |= a[i] ^ b[i];
            }

            return NonZeroBit(bits) - 1;
        }

        /// <summary>0xFFFFFFFF when the small integers are equal, else 0; no data-dependent branch.</summary>
        public static uint EqualMask(uint a, uint b)
        {
            return NonZeroBit(a ^ b) - 1;
        }

        /// <summary>
        /// <paramref name="destination"/> = <paramref name="source"/> where <paramref name="mask"/>
        /// is all ones; unchanged where it is zero. Same work either way.
        /// </summary>
        public static void Select(uint[] destination, uint[] source, uint mask)
        {
            for (int i = 0; i < Limbs; i++)
            {
                destination[i] ^= (destination[i] ^ source[i]) & mask;
            }
        }

        /// <summary>
        /// result = a - b over 256 bits; returns the borrow out (1 when a &lt; b, else 0).
        /// <paramref name="result"/> may alias either operand.
        /// </summary>
        public static uint Subtract(uint[] result, uint[] a, uint[] b)
        {
            // Borrow kept in ulong: a widened uint must never feed a signed shift (nanoCLR).
            ulong borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong diff = (ulong)a[i] - b[i] - borrow;
                result[i] = (uint)diff;
                borrow = (diff >> 32) & 1;
            }

            return (uint)borrow;
        }

        /// <summary>
        /// result = a + b over 256 bits; returns the carry out (0 or 1).
        /// <paramref name="result"/> may alias either operand.
        /// </summary>
        public static uint Add(uint[] result, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong sum = (ulong)a[i] + b[i] + carry;
                result[i] = (uint)sum;
                carry = sum >> 32;
            }

            return (uint)carry;
        }

        /// <summary>True when a &lt; b. Branch-free (the answer itself is returned, so use it only on public data or via masks).</summary>
        public static bool LessThan(uint[] a, uint[] b)
        {
            ulong borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong diff = (ulong)a[i] - b[i] - borrow;
                borrow = (diff >> 32) & 1;
            }

            return borrow != 0;
        }

        /// <summary>Bit <paramref name="index"/> (0 = least significant) of <paramref name="value"/>.</summary>
        public static uint Bit(uint[] value, int index)
        {
            return (value[index >> 5] >> (index & 31)) & 1;
        }

        /// <summary>1 when <paramref name="x"/> is non-zero, else 0, without branching.</summary>
        private static uint NonZeroBit(uint x)
        {
            return (x | (0u - x)) >> 31;
        }
    }
}

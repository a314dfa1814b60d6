namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// k G for the P-256 base point with the 4-tooth comb of <see cref="P256CombTable"/>:
    /// 64 columns, each one doubling and one mixed addition, 1,216 field operations, then one
    /// inversion to return affine coordinates. Intended for secret scalars (nonces, private keys):
    /// the sequence of field operations does not depend on k, every table lookup reads all 16
    /// entries, and the infinity and "no tooth set" cases are resolved with masks. See
    /// docs/crypto.md for what this does and does not guarantee on an interpreter. Not thread-safe.
    /// </summary>
    public sealed class P256FixedBaseMultiplier
    {
        private readonly P256PointArithmetic _arith;
        private readonly P256JacobianPoint _acc = new P256JacobianPoint();
        private readonly P256JacobianPoint _sum = new P256JacobianPoint();
        private readonly P256JacobianPoint _entryPoint = new P256JacobianPoint();
        private readonly uint[] _entryX = new uint[Uint256.Limbs];
        private readonly uint[] _entryY = new uint[Uint256.Limbs];

        public P256FixedBaseMultiplier(P256PointArithmetic arithmetic)
        {
            _arith = arithmetic;
        }

        /// <summary>
        /// result = k G in Jacobian coordinates (infinity when k = 0 mod n). k is 256 bits, any
        /// value (k &gt;= n is fine: it is the same point as k mod n).
        /// </summary>
        public void Multiply(P256JacobianPoint result, uint[] k)
        {
            P256JacobianPoint acc = _acc;
            acc.SetInfinity();
            for (int column = P256CombTable.Spacing - 1; column >= 0; column--)
            {
                _arith.Double(acc, acc);
                uint index = 0;
                for (int tooth = 0; tooth < P256CombTable.Teeth; tooth++)
                {
                    index |= Uint256.Bit(k, column + (tooth * P256CombTable.Spacing)) << tooth;
                }

                Lookup(index);
                uint same = _arith.AddAffineUnchecked(_sum, acc, _entryX, _entryY);
                uint accIsInfinity = Uint256.IsZeroMask(acc.Z);
                uint toothSet = ~Uint256.EqualMask(index, 0);
                if ((same & toothSet & ~accIsInfinity) != 0)
                {
                    // acc equals the table point: the generic formula does not cover it. For a
                    // scalar not chosen to hit it this happens with probability about 2^-190
                    // per column; the branch leaks only that this happened.
                    _arith.Double(_sum, acc);
                }

                _entryPoint.SetAffine(_entryX, _entryY);
                _sum.SelectFrom(_entryPoint, accIsInfinity);
                acc.SelectFrom(_sum, toothSet);
            }

            result.CopyFrom(acc);
        }

        // Reads every entry and keeps the wanted one with a mask, so the memory access pattern
        // does not depend on the index.
        private void Lookup(uint index)
        {
            uint[] table = P256CombTable.Points;
            uint[] x = _entryX, y = _entryY;
            Uint256.Set(x, 0);
            Uint256.Set(y, 0);
            for (uint entry = 0; entry < P256CombTable.Entries; entry++)
            {
                uint mask = Uint256.EqualMask(index, entry);
                int baseLimb = (int)entry * P256CombTable.EntryLimbs;
                for (int i = 0; i < Uint256.Limbs; i++)
                {
                    x[i] |= table[baseLimb + i] & mask;
                    y[i] |= table[baseLimb + Uint256.Limbs + i] & mask;
                }
            }
        }
    }
}

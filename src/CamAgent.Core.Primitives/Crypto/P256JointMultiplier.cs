namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// u1 G + u2 Q for PUBLIC scalars (signature verification) by running the comb of G
    /// (<see cref="P256CombTable"/>) and the comb of Q (<see cref="P256PointCombTable"/>) in one
    /// pass, so both share the 64 doublings: at most 64 doublings and 128 mixed additions
    /// (1,920 field operations). Branches on the scalar bits. Not thread-safe.
    /// </summary>
    public sealed class P256JointMultiplier
    {
        private readonly P256PointArithmetic _arith;
        private readonly uint[] _x = new uint[Uint256.Limbs];
        private readonly uint[] _y = new uint[Uint256.Limbs];

        public P256JointMultiplier(P256PointArithmetic arithmetic)
        {
            _arith = arithmetic;
        }

        /// <summary>result = u1 G + u2 Q, where <paramref name="tableQ"/> holds Q's comb (Jacobian result, possibly infinity).</summary>
        public void Multiply(P256JacobianPoint result, uint[] u1, uint[] u2, uint[] tableQ)
        {
            result.SetInfinity();
            for (int column = P256CombTable.Spacing - 1; column >= 0; column--)
            {
                if (!result.IsInfinity)
                {
                    _arith.Double(result, result);
                }

                AddColumn(result, u1, column, P256CombTable.Points);
                AddColumn(result, u2, column, tableQ);
            }
        }

        private void AddColumn(P256JacobianPoint acc, uint[] k, int column, uint[] table)
        {
            int index = 0;
            for (int tooth = 0; tooth < P256CombTable.Teeth; tooth++)
            {
                index |= (int)Uint256.Bit(k, column + (tooth * P256CombTable.Spacing)) << tooth;
            }

            if (index == 0)
            {
                return;
            }

            int baseLimb = index * P256CombTable.EntryLimbs;
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                _x[i] = table[baseLimb + i];
                _y[i] = table[baseLimb + Uint256.Limbs + i];
            }

            _arith.AddAffine(acc, acc, _x, _y);
        }
    }
}

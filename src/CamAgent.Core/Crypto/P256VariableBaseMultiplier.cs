namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// k Q for an arbitrary affine point Q with a fixed 4-bit window: 14 additions to tabulate
    /// 1Q..15Q, then per window 4 doublings and at most one addition (about 3,200 field
    /// operations). Branches on the bits of k, so it is for PUBLIC scalars only (signature
    /// verification: u2 = r / s). The table (15 Jacobian points, 1,440 bytes) is allocated once.
    /// Not thread-safe.
    /// </summary>
    public sealed class P256VariableBaseMultiplier
    {
        private const int WindowBits = 4;
        private const int WindowEntries = 1 << WindowBits;
        private const int WindowMask = WindowEntries - 1;
        private const int ScalarBits = 256;

        private readonly P256PointArithmetic _arith;
        private readonly P256JacobianPoint[] _multiples;

        public P256VariableBaseMultiplier(P256PointArithmetic arithmetic)
        {
            _arith = arithmetic;
            _multiples = new P256JacobianPoint[WindowEntries];
            for (int i = 1; i < WindowEntries; i++)
            {
                _multiples[i] = new P256JacobianPoint();
            }
        }

        /// <summary>
        /// result = k (x, y) in Jacobian coordinates. (x, y) must be a valid curve point (checked by
        /// the caller, e.g. <see cref="P256PublicKey.TryDecode"/>); k is any 256-bit value.
        /// </summary>
        public void Multiply(P256JacobianPoint result, uint[] k, uint[] x, uint[] y)
        {
            P256JacobianPoint[] m = _multiples;
            m[1].SetAffine(x, y);
            _arith.Double(m[2], m[1]);
            for (int i = 3; i < WindowEntries; i++)
            {
                // Q has prime order n > 15, so (i-1)Q is never +-Q here: the generic formula holds.
                _arith.AddAffineUnchecked(m[i], m[i - 1], x, y);
            }

            result.SetInfinity();
            for (int bit = ScalarBits - WindowBits; bit >= 0; bit -= WindowBits)
            {
                if (!result.IsInfinity)
                {
                    for (int s = 0; s < WindowBits; s++)
                    {
                        _arith.Double(result, result);
                    }
                }

                int window = (int)((k[bit >> 5] >> (bit & 31)) & WindowMask);
                if (window != 0)
                {
                    _arith.Add(result, result, m[window]);
                }
            }
        }
    }
}

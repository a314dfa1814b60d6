namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// Group law on P-256 (short Weierstrass, a = -3) in Jacobian coordinates, with the
    /// formulas of Bernstein and Lange's Explicit-Formulas Database: "dbl-2001-b" for doubling
    /// (3M + 5S), "madd" style mixed addition with an affine operand (8M + 3S) and general
    /// addition (12M + 4S). Results may alias inputs. Field operations are counted by the
    /// <see cref="P256Field"/> given at construction. Not thread-safe.
    /// </summary>
    public sealed class P256PointArithmetic
    {
        private readonly P256Field _f;
        private readonly uint[] _t1 = new uint[Uint256.Limbs];
        private readonly uint[] _t2 = new uint[Uint256.Limbs];
        private readonly uint[] _t3 = new uint[Uint256.Limbs];
        private readonly uint[] _t4 = new uint[Uint256.Limbs];
        private readonly uint[] _t5 = new uint[Uint256.Limbs];
        private readonly uint[] _t6 = new uint[Uint256.Limbs];
        private readonly uint[] _t7 = new uint[Uint256.Limbs];
        private readonly uint[] _h = new uint[Uint256.Limbs];
        private readonly uint[] _r = new uint[Uint256.Limbs];

        public P256PointArithmetic(P256Field field)
        {
            _f = field;
        }

        /// <summary>The field whose counters record this instance's work.</summary>
        public P256Field Field
        {
            get { return _f; }
        }

        /// <summary>
        /// result = 2p. Infinity doubles to infinity (Z stays 0) without a branch. Points of order 2
        /// do not exist on P-256, so there is no other exceptional case.
        /// </summary>
        public void Double(P256JacobianPoint result, P256JacobianPoint p)
        {
            uint[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, t = _t5;
            _f.Square(delta, p.Z);
            _f.Square(gamma, p.Y);
            _f.Multiply(beta, p.X, gamma);

            // alpha = 3 (X - delta)(X + delta): a = -3 turns 3X^2 + aZ^4 into this product.
            _f.Subtract(t, p.X, delta);
            _f.Add(alpha, p.X, delta);
            _f.Multiply(alpha, alpha, t);
            _f.Add(t, alpha, alpha);
            _f.Add(alpha, alpha, t);

            // Z3 = (Y + Z)^2 - gamma - delta, before Y and Z are overwritten.
            _f.Add(t, p.Y, p.Z);
            _f.Square(t, t);
            _f.Subtract(t, t, gamma);
            _f.Subtract(result.Z, t, delta);

            // X3 = alpha^2 - 8 beta
            _f.Add(beta, beta, beta);
            _f.Add(beta, beta, beta);
            _f.Add(t, beta, beta);
            _f.Square(result.X, alpha);
            _f.Subtract(result.X, result.X, t);

            // Y3 = alpha (4 beta - X3) - 8 gamma^2
            _f.Subtract(beta, beta, result.X);
            _f.Multiply(beta, alpha, beta);
            _f.Square(gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Subtract(result.Y, beta, gamma);
        }

        /// <summary>
        /// result = p + (x2, y2) for an affine point (x2, y2), using only the generic formula:
        /// correct when p is finite and p != +-(x2, y2); when p = -(x2, y2) it yields infinity.
        /// It is WRONG when p is infinity or p = (x2, y2): the return value is a mask that is all
        /// ones exactly in the second case (H = 0 and R = 0) so the caller can redo it as a doubling;
        /// the caller handles infinity itself. No branch inside.
        /// </summary>
        public uint AddAffineUnchecked(P256JacobianPoint result, P256JacobianPoint p, uint[] x2, uint[] y2)
        {
            uint[] z1z1 = _t1, hh = _t2, hhh = _t3, v = _t4, t = _t5, h = _h, r = _r;
            _f.Square(z1z1, p.Z);
            _f.Multiply(h, x2, z1z1);
            _f.Subtract(h, h, p.X);                 // H = U2 - X1
            _f.Multiply(t, p.Z, z1z1);
            _f.Multiply(t, y2, t);
            _f.Subtract(r, t, p.Y);                 // R = S2 - Y1
            uint same = Uint256.IsZeroMask(h) & Uint256.IsZeroMask(r);

            _f.Square(hh, h);
            _f.Multiply(hhh, h, hh);
            _f.Multiply(v, p.X, hh);
            _f.Multiply(result.Z, p.Z, h);
            _f.Multiply(t, p.Y, hhh);               // Y1 H^3, before Y1 may be overwritten

            // X3 = R^2 - H^3 - 2V
            _f.Square(_t6, r);
            _f.Subtract(_t6, _t6, hhh);
            _f.Subtract(_t6, _t6, v);
            _f.Subtract(result.X, _t6, v);

            // Y3 = R (V - X3) - Y1 H^3
            _f.Subtract(v, v, result.X);
            _f.Multiply(v, r, v);
            _f.Subtract(result.Y, v, t);
            return same;
        }

        /// <summary>
        /// result = p + (x2, y2) for any p, including infinity and p = +-(x2, y2). Branches on the
        /// exceptional cases, so use it on public values only.
        /// </summary>
        public void AddAffine(P256JacobianPoint result, P256JacobianPoint p, uint[] x2, uint[] y2)
        {
            if (p.IsInfinity)
            {
                result.SetAffine(x2, y2);
                return;
            }

            if (AddAffineUnchecked(result, p, x2, y2) != 0)
            {
                // p was (x2, y2); result may have been p, so double from the affine copy.
                result.SetAffine(x2, y2);
                Double(result, result);
            }
        }

        /// <summary>
        /// result = p + q for any two points, including infinity, p = q and p = -q. Branches on the
        /// exceptional cases, so use it on public values only (signature verification).
        /// </summary>
        public void Add(P256JacobianPoint result, P256JacobianPoint p, P256JacobianPoint q)
        {
            if (p.IsInfinity)
            {
                result.CopyFrom(q);
                return;
            }

            if (q.IsInfinity)
            {
                result.CopyFrom(p);
                return;
            }

            uint[] z1z1 = _t1, z2z2 = _t2, u1 = _t3, s1 = _t4, t = _t5, hhh = _t6, h = _h, r = _r;
            _f.Square(z1z1, p.Z);
            _f.Square(z2z2, q.Z);
            _f.Multiply(u1, p.X, z2z2);
            _f.Multiply(h, q.X, z1z1);
            _f.Subtract(h, h, u1);                  // H = U2 - U1
            _f.Multiply(s1, q.Z, z2z2);
            _f.Multiply(s1, p.Y, s1);               // S1 = Y1 Z2^3
            _f.Multiply(t, p.Z, z1z1);
            _f.Multiply(t, q.Y, t);
            _f.Subtract(r, t, s1);                  // R = S2 - S1
            if (Uint256.IsZeroMask(h) != 0)
            {
                if (Uint256.IsZeroMask(r) != 0)
                {
                    Double(result, p);
                }
                else
                {
                    result.SetInfinity();
                }

                return;
            }

            _f.Multiply(t, p.Z, q.Z);
            _f.Multiply(result.Z, t, h);            // Z3 = Z1 Z2 H
            _f.Square(t, h);                        // H^2
            _f.Multiply(hhh, h, t);
            _f.Multiply(u1, u1, t);                 // V = U1 H^2
            _f.Multiply(s1, s1, hhh);               // S1 H^3

            _f.Square(_t7, r);
            _f.Subtract(_t7, _t7, hhh);
            _f.Subtract(_t7, _t7, u1);
            _f.Subtract(result.X, _t7, u1);
            _f.Subtract(u1, u1, result.X);
            _f.Multiply(u1, r, u1);
            _f.Subtract(result.Y, u1, s1);
        }

        /// <summary>
        /// Writes the affine coordinates of p into x and y and returns true, or returns false (and
        /// writes nothing) when p is infinity. One field inversion (267 operations) plus 4.
        /// </summary>
        public bool ToAffine(uint[] x, uint[] y, P256JacobianPoint p)
        {
            if (p.IsInfinity)
            {
                return false;
            }

            uint[] zInv = _t1, zInv2 = _t2;
            _f.Invert(zInv, p.Z);
            _f.Square(zInv2, zInv);
            _f.Multiply(x, p.X, zInv2);
            _f.Multiply(zInv2, zInv2, zInv);
            _f.Multiply(y, p.Y, zInv2);
            return true;
        }
    }
}

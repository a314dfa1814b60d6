namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// A P-256 point in Jacobian coordinates: affine (X/Z^2, Y/Z^3); Z = 0 is the point at
    /// infinity. Coordinates are field elements (<see cref="P256Field"/>), allocated once with the
    /// point and overwritten in place by <see cref="P256PointArithmetic"/>.
    /// </summary>
    public sealed class P256JacobianPoint
    {
        public P256JacobianPoint()
        {
            X = new uint[Uint256.Limbs];
            Y = new uint[Uint256.Limbs];
            Z = new uint[Uint256.Limbs];
        }

        public uint[] X { get; private set; }

        public uint[] Y { get; private set; }

        public uint[] Z { get; private set; }

        /// <summary>True when this is the point at infinity (branches: use on public data only).</summary>
        public bool IsInfinity
        {
            get { return Uint256.IsZeroMask(Z) != 0; }
        }

        /// <summary>Makes this the point at infinity.</summary>
        public void SetInfinity()
        {
            Uint256.Set(X, 1);
            Uint256.Set(Y, 1);
            Uint256.Set(Z, 0);
        }

        /// <summary>Sets this to the affine point (x, y), i.e. Z = 1.</summary>
        public void SetAffine(uint[] x, uint[] y)
        {
            Uint256.Copy(X, x);
            Uint256.Copy(Y, y);
            Uint256.Set(Z, 1);
        }

        /// <summary>Copies <paramref name="source"/> into this point.</summary>
        public void CopyFrom(P256JacobianPoint source)
        {
            Uint256.Copy(X, source.X);
            Uint256.Copy(Y, source.Y);
            Uint256.Copy(Z, source.Z);
        }

        /// <summary>This = <paramref name="source"/> where <paramref name="mask"/> is all ones; same work either way.</summary>
        public void SelectFrom(P256JacobianPoint source, uint mask)
        {
            Uint256.Select(X, source.X, mask);
            Uint256.Select(Y, source.Y, mask);
            Uint256.Select(Z, source.Z, mask);
        }
    }
}

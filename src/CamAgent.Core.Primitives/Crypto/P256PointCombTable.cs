using System;

namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// A comb table, in the layout of <see cref="P256CombTable"/>, for a point Q known only at run
    /// time (the pinned receipt-signing key): entry b is (b0 + b1 2^64 + b2 2^128 + b3 2^192) Q in
    /// affine coordinates. Building costs 192 doublings, 11 additions and one batched inversion
    /// (about 2,050 field operations) and allocates about 2 KB of scratch that is released
    /// afterwards; the table itself is 1,024 bytes, allocated once. Built from public data only,
    /// so it branches freely. Not thread-safe.
    /// </summary>
    public sealed class P256PointCombTable
    {
        private const int NonZeroEntries = P256CombTable.Entries - 1;

        private readonly uint[] _points = new uint[P256CombTable.Entries * P256CombTable.EntryLimbs];

        /// <summary>The table, <see cref="P256CombTable.Entries"/> x <see cref="P256CombTable.EntryLimbs"/> limbs; entry 0 unused.</summary>
        public uint[] Points
        {
            get { return _points; }
        }

        /// <summary>
        /// Fills the table for the affine point (x, y), which must be a valid curve point (see
        /// <see cref="P256PublicKey.TryDecode"/>). Field work is counted by <paramref name="arith"/>.
        /// </summary>
        public void Build(uint[] x, uint[] y, P256PointArithmetic arith)
        {
            P256JacobianPoint[] entries = new P256JacobianPoint[P256CombTable.Entries];
            entries[1] = new P256JacobianPoint();
            entries[1].SetAffine(x, y);

            // Entry 2^j is 2^(64 j) Q; entry (2^j + i) for i < 2^j is entry 2^j plus entry i.
            // Every index is below n, so no entry is infinity and no addition is exceptional.
            for (int tooth = 1; tooth < P256CombTable.Teeth; tooth++)
            {
                int power = 1 << tooth;
                P256JacobianPoint top = new P256JacobianPoint();
                top.CopyFrom(entries[power >> 1]);
                for (int i = 0; i < P256CombTable.Spacing; i++)
                {
                    arith.Double(top, top);
                }

                entries[power] = top;
                for (int i = 1; i < power; i++)
                {
                    entries[power + i] = new P256JacobianPoint();
                    arith.Add(entries[power + i], top, entries[i]);
                }
            }

            Normalize(entries, arith.Field);
        }

        // Montgomery's simultaneous inversion: one inversion and 3 (k - 1) multiplications turn
        // the k = 15 Z coordinates into their inverses, then 4 operations per entry give x and y.
        private void Normalize(P256JacobianPoint[] entries, P256Field field)
        {
            uint[][] prefix = new uint[P256CombTable.Entries][];
            for (int i = 1; i <= NonZeroEntries; i++)
            {
                prefix[i] = new uint[Uint256.Limbs];
            }

            Uint256.Copy(prefix[1], entries[1].Z);
            for (int i = 2; i <= NonZeroEntries; i++)
            {
                field.Multiply(prefix[i], prefix[i - 1], entries[i].Z);
            }

            uint[] inverse = new uint[Uint256.Limbs];
            uint[] zInv = new uint[Uint256.Limbs];
            uint[] zInv2 = new uint[Uint256.Limbs];
            field.Invert(inverse, prefix[NonZeroEntries]);
            for (int i = NonZeroEntries; i >= 1; i--)
            {
                if (i > 1)
                {
                    field.Multiply(zInv, inverse, prefix[i - 1]);
                    field.Multiply(inverse, inverse, entries[i].Z);
                }
                else
                {
                    Uint256.Copy(zInv, inverse);
                }

                int baseLimb = i * P256CombTable.EntryLimbs;
                field.Square(zInv2, zInv);
                field.Multiply(entries[i].X, entries[i].X, zInv2);
                field.Multiply(zInv2, zInv2, zInv);
                field.Multiply(entries[i].Y, entries[i].Y, zInv2);
                Array.Copy(entries[i].X, 0, _points, baseLimb, Uint256.Limbs);
                Array.Copy(entries[i].Y, 0, _points, baseLimb + Uint256.Limbs, Uint256.Limbs);
            }
        }
    }
}

namespace Samples
{
    public struct Ticks
    {
        public long Value;

        public static Ticks operator +(Ticks a, Ticks b) => new Ticks { Value = a.Value + b.Value };

        public static Ticks operator checked +(Ticks a, Ticks b) => new Ticks { Value = checked(a.Value + b.Value) }; // expect: NFS013
    }
}

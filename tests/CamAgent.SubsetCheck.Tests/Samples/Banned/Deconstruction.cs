namespace Samples
{
    public sealed class Range2
    {
        public int Low;
        public int High;

        public void Deconstruct(out int low, out int high)
        {
            low = Low;
            high = High;
        }

        public static int Width(Range2 range)
        {
            var (low, high) = range; // expect: NFS001, NFS003
            return high - low;
        }
    }
}

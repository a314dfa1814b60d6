namespace Samples
{
    public static class Sizes
    {
        public static long Twice(in long value) // expect: NFS012
        {
            return value * 2;
        }
    }
}

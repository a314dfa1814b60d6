namespace Samples
{
    public static class Pairs
    {
        public static int Sum()
        {
            var pair = (1, 2); // expect: NFS001, NFS003
            return pair.Item1 + pair.Item2; // expect: NFS001
        }
    }
}

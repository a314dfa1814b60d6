namespace Samples
{
    public static class Copier
    {
        public static void Swap<T>(ref T a, ref T b) // expect: NFS001
        {
            T swap = a; // expect: NFS001
            a = b; // expect: NFS001
            b = swap; // expect: NFS001
        }
    }
}

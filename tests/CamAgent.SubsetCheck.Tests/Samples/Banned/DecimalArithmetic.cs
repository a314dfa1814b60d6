namespace Samples
{
    public static class Money
    {
        public static decimal Add(decimal a, decimal b) // expect: NFS010
        {
            return a + b; // expect: NFS010
        }
    }
}

namespace Samples
{
    public static class Tail
    {
        public static byte[] LastTwo(byte[] data)
        {
            return data[^2..]; // expect: NFS010, NFS014
        }
    }
}

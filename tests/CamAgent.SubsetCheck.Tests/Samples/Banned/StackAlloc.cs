namespace Samples
{
    public static class Scratch
    {
        public static int Sum()
        {
            System.Span<byte> buffer = stackalloc byte[16]; // expect: NFS001, NFS008
            return buffer.Length; // expect: NFS001
        }
    }
}

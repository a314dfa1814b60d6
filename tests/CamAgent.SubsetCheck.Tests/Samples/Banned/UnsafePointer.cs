namespace Samples
{
    public static class Raw
    {
        public static unsafe int Read(int* pointer) // expect: NFS008
        {
            return *pointer; // expect: NFS008
        }
    }
}

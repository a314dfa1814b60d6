namespace Samples
{
    public static class Magic
    {
        public static bool IsCbor(byte[] data)
        {
            return data is [0xD2, ..]; // expect: NFS014
        }
    }
}

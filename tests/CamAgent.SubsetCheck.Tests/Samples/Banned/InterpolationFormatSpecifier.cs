namespace Samples
{
    public static class Hex
    {
        public static string Byte(int value)
        {
            return $"0x{value:X2}"; // expect: NFS015
        }
    }
}

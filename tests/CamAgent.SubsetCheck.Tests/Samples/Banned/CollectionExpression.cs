namespace Samples
{
    public static class Defaults
    {
        public static int[] Ports()
        {
            int[] ports = [443]; // expect: NFS014
            return ports;
        }
    }
}

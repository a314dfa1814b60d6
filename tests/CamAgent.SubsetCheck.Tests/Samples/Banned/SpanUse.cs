using System;

namespace Samples
{
    public static class Parser
    {
        public static int First(byte[] data)
        {
            ReadOnlySpan<byte> view = data; // expect: NFS001
            return view[0]; // expect: NFS001
        }
    }
}

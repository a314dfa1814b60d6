using System;

namespace Samples
{
    public static class Buffers
    {
        public static byte[] None()
        {
            return Array.Empty<byte>(); // expect: NFS001
        }
    }
}

using System;
using System.Text;

namespace Samples
{
    public static class Missing
    {
        public static int Use(byte[] data, int value)
        {
            Buffer.BlockCopy(data, 0, data, 1, 1); // expect: NFS010
            string joined = string.Join(",", new string[] { "a", "b" }); // expect: NFS010
            string text = Encoding.UTF8.GetString(data); // expect: NFS010
            return Math.Clamp(value, 0, 10) + joined.Length + text.Length; // expect: NFS010
        }
    }
}

using System;

namespace Samples
{
    public static class Formats
    {
        public static FormattableString Message(int value) // expect: NFS010
        {
            return $"value {value}"; // expect: NFS010, NFS015
        }
    }
}

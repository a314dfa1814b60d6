using System;

namespace Samples
{
    public static class Inspect
    {
        public static int MethodCount(object value)
        {
            Type type = value.GetType(); // expect: NFS007
            return type.GetMethods().Length; // expect: NFS007
        }
    }
}

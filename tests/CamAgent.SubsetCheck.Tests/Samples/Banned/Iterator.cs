using System.Collections;

namespace Samples
{
    public static class Counting
    {
        public static IEnumerable UpTo(int limit)
        {
            for (int i = 0; i < limit; i++)
            {
                yield return i; // expect: NFS009
            }
        }
    }
}

using System.Linq;

namespace Samples
{
    public static class Sums
    {
        public static int Total(int[] values)
        {
            return values.Sum(); // expect: NFS001, NFS005
        }
    }
}

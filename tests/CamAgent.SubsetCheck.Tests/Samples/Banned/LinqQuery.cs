using System.Linq;

namespace Samples
{
    public static class Filters
    {
        public static int CountLarge(int[] sizes)
        {
            var large = from size in sizes where size > 10 select size; // expect: NFS001, NFS005
            return large.Count(); // expect: NFS001, NFS005
        }
    }
}

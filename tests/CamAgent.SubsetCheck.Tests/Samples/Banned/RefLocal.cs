namespace Samples
{
    public static class Slots
    {
        public static void Bump(int[] counters)
        {
            ref int first = ref counters[0]; // expect: NFS012
            first++;
        }
    }
}

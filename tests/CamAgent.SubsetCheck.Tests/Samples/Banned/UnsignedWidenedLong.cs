namespace Samples
{
    public sealed class Counters
    {
        private long _total;

        public long Mix(uint count, byte step, ulong raw)
        {
            long seeded = count; // expect: NFS017
            _total = step; // expect: NFS017
            long halved = (long)count >> 1; // expect: NFS017
            long reinterpreted = (long)raw; // expect: NFS017
            long accumulator = 0;
            accumulator += count;
            long product = (long)count * 2;
            return seeded + halved + reinterpreted + accumulator + product + (accumulator >> 1);
        }
    }
}

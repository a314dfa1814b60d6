namespace Samples
{
    public sealed class Reading
    {
        public int? LastValue; // expect: NFS001
    }
}

namespace Samples
{
    public static class Broken
    {
        public static int Value() => UnknownName; // expect: NFS000
    }
}

namespace Samples
{
    public ref struct Cursor // expect: NFS012
    {
        public int Position;
    }
}

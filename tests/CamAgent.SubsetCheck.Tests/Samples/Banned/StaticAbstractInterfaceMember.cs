namespace Samples
{
    public interface IParsable
    {
        static abstract object Parse(string text); // expect: NFS011
    }
}

namespace Samples
{
    public static class Names
    {
        public static string Path(string a, string b, string c, string d, string e)
        {
            // Reads like Concat(string[]) but .NET binds it to Concat(params ReadOnlySpan<string>).
            return string.Concat(a, b, c, d, e); // expect: NFS001, NFS010
        }
    }
}

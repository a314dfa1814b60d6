namespace Samples
{
    public sealed class Settings
    {
        public required string Host { get; set; } // expect: NFS010
    }
}

using System.IO;

namespace Samples
{
    public sealed class NullStream : MemoryStream
    {
        public override void CopyTo(Stream destination, int bufferSize) // expect: NFS010
        {
        }
    }
}

using System.IO;

namespace Samples
{
    public static class Storage
    {
        public static bool TryFlush(Stream stream)
        {
            try
            {
                stream.Flush();
                return true;
            }
            catch (IOException exception) when (exception.Message.Length > 0) // expect: NFS016
            {
                return false;
            }
        }
    }
}

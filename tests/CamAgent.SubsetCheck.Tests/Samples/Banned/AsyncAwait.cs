using System.Threading.Tasks;

namespace Samples
{
    public static class Uploader
    {
        public static async Task Send() // expect: NFS004
        {
            await Task.Yield(); // expect: NFS004, NFS010
        }
    }
}

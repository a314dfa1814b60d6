using System.Collections.Generic;

namespace Samples
{
    public interface IRecordSource
    {
        IEnumerable<byte[]> Records(); // expect: NFS001
    }
}

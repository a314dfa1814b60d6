using System;

namespace Samples
{
    public sealed class Retry
    {
        public Func<int, bool> ShouldRetry; // expect: NFS001
    }
}

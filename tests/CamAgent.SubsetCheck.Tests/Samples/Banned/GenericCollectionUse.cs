using System.Collections.Generic;

namespace Samples
{
    public sealed class Registry
    {
        private readonly List<string> _names = new List<string>(); // expect: NFS001

        public int Count()
        {
            return _names.Count; // expect: NFS001
        }
    }
}

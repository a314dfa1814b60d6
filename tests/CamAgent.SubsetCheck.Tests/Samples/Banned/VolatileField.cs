namespace Samples
{
    public sealed class Flag
    {
        private volatile bool _raised; // expect: NFS010

        public bool Raised => _raised;

        public void Raise()
        {
            _raised = true;
        }
    }
}

namespace Samples
{
    public sealed class Grid
    {
        private readonly int[,] _cells = new int[2, 2]; // expect: NFS014

        public int Corner() => _cells[0, 0]; // expect: NFS014
    }
}

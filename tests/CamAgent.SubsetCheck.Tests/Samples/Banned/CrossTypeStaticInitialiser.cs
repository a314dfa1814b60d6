namespace Samples
{
    public static class Vectors
    {
        public static readonly string[] Digests = new string[] { "00", "ff" };

        public static string[] Copy() => (string[])Digests.Clone();
    }

    public static class VectorTests
    {
        // Reads another type's static field at start-up: on nanoCLR it is null if Vectors comes later.
        private static readonly string[] Table = Vectors.Digests; // expect: NFS018

        // Calls another type's static method from a static initialiser.
        private static readonly string[] Copied = Vectors.Copy(); // expect: NFS018

        private static readonly int Count;

        // Only constants, literals, creation and the type's own static members are allowed.
        private static readonly byte[] Buffer = new byte[Size];

        private const int Size = 4;

        static VectorTests()
        {
            Count = Vectors.Digests.Length; // expect: NFS018
        }

        // Read after start-up through a property: allowed.
        public static string[] Lazy => Vectors.Digests;

        public static int Total() => Table.Length + Copied.Length + Count + Buffer.Length;
    }
}

namespace Samples
{
    public static class Shapes
    {
        public static object Point()
        {
            return new { X = 1, Y = 2 }; // expect: NFS001
        }
    }
}

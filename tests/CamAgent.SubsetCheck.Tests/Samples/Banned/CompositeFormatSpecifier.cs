namespace Samples
{
    public static class Report
    {
        public static string Line(int sequence)
        {
            return string.Format("segment {0:D8}", sequence); // expect: NFS015
        }
    }
}

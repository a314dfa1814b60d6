namespace Samples
{
    public static class Late
    {
        public static object Call(object target)
        {
            dynamic late = target; // expect: NFS006
            return late.Run(); // expect: NFS006
        }
    }
}

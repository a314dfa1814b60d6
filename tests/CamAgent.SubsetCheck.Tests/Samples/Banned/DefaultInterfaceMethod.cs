namespace Samples
{
    public interface IClock
    {
        long NowMs { get; }

        long Later(long delayMs) => NowMs + delayMs; // expect: NFS011
    }
}

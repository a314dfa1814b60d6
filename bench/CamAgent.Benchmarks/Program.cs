namespace CamAgent.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("CamAgent benchmarks");
        SpoolBenchmark.Run();
        return 0;
    }
}

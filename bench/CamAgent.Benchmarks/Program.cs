namespace CamAgent.Benchmarks;

/// <summary>
/// Runs every benchmark, or only those whose name contains the first argument
/// (e.g. <c>./bench.sh ecdsa</c>). Each benchmark prints its own figures.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == Ingest.PlainUploadBaseline.ServeArgument)
        {
            return Ingest.PlainUploadBaseline.Serve(args);
        }

        string filter = args.Length > 0 ? args[0] : string.Empty;
        Console.WriteLine("CamAgent benchmarks");
        Run("ecdsa", filter, EcdsaBenchmark.Run);
        Run("evidence", filter, EvidenceBenchmark.Run);
        Run("upload", filter, Upload.UploadBenchmark.Run);
        Run("spool", filter, SpoolBenchmark.Run);
        Run("ingest-fs", filter, IngestBenchmark.Run);
        Run("ingest-cluster", filter, IngestBenchmark.RunCluster);
        Run("secure-element", filter, SecureElementBenchmark.Run);
        Run("cpu", filter, Cpu.CpuBudgetBenchmark.Run);
        return 0;
    }

    private static void Run(string name, string filter, Action<TextWriter> benchmark)
    {
        if (name.Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            benchmark(Console.Out);
        }
    }
}

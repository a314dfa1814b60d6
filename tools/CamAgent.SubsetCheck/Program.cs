namespace CamAgent.SubsetCheck;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: CamAgent.SubsetCheck <source-folder> --allowlist <file>");
        return 2;
    }
}

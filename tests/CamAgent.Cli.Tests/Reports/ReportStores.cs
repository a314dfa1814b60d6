namespace CamAgent.Cli.Tests.Reports;

/// <summary>
/// A demo store and a tampered copy of it (one byte of a segment flipped), each verified with
/// `camagent verify --html`: the pages the browser tests open. Made once for the test class.
/// </summary>
public sealed class ReportStores : IDisposable
{
    private readonly TempFolder _temp = new();

    public ReportStores()
    {
        string demo = _temp.Combine("demo");
        Run(ExitCodes.Ok, "demo", "--keep", demo);
        string root = Path.Combine(demo, "pki", "ca", "root-ca.crt.pem");
        ValidPage = _temp.Combine("valid.html");
        Run(ExitCodes.Ok, "verify", "--store", Path.Combine(demo, "store"), "--ca", root, "--html", ValidPage);

        string tampered = _temp.Combine("tampered-store");
        CopyFolder(Path.Combine(demo, "store"), tampered);
        string segment = Path.Combine(tampered, "devices", "cam-demo-1", "00000000000000000002.segment");
        byte[] content = File.ReadAllBytes(segment);
        content[content.Length / 2] ^= 0x01;
        File.WriteAllBytes(segment, content);
        TamperedPage = _temp.Combine("tampered.html");
        Run(ExitCodes.Invalid, "verify", "--store", tampered, "--ca", root, "--html", TamperedPage);
    }

    public string ValidPage { get; }

    public string TamperedPage { get; }

    public void Dispose() => _temp.Dispose();

    private static void Run(int expected, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(args, new CliContext(output, error, TextReader.Null));
        Assert.True(exit == expected, $"camagent {string.Join(' ', args)}: exit {exit}\n{output}\n{error}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

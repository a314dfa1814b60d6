namespace CamAgent.Cli.Demo;

/// <summary>
/// The throw-away folder a demo works in (PKI, bundles, the server's store, the report), and what
/// steps hand to later steps. Deleted after the run unless the user asked to keep it.
/// </summary>
public sealed class DemoWorkspace
{
    public DemoWorkspace(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string PkiFolder => Path.Combine(Root, "pki");

    public string BundlesFolder => Path.Combine(Root, "bundles");

    public string StoreFolder => Path.Combine(Root, "store");

    public string ReportFile => Path.Combine(Root, "chain-of-custody-report.txt");

    /// <summary>Values a step leaves for later ones (device ids, ports), by name.</summary>
    public Dictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);
}

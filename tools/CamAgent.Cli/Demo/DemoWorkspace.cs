using CamAgent.Ingest;

namespace CamAgent.Cli.Demo;

/// <summary>
/// The folder a demo works in (PKI, bundles, the cameras' own copies, the server's store, the
/// report) and what steps hand to later steps: the running server, the cameras, the cutting proxy.
/// Disposing stops the server and the proxy; the folder itself is the caller's to keep or delete.
/// </summary>
public sealed class DemoWorkspace : IDisposable
{
    public DemoWorkspace(string root, TextWriter? log = null)
    {
        Root = Path.GetFullPath(root);
        Log = log ?? TextWriter.Null;
    }

    public string Root { get; }

    /// <summary>Where steps print lines of their own (the device's warnings) between progress lines.</summary>
    public TextWriter Log { get; }

    public string PkiFolder => Path.Combine(Root, "pki");

    public string BundlesFolder => Path.Combine(Root, "bundles");

    public string StoreFolder => Path.Combine(Root, "store");

    /// <summary>Per camera, a copy of every segment as it was recorded, to compare with the store.</summary>
    public string CamerasFolder => Path.Combine(Root, "cameras");

    /// <summary>File name of the verifier's text report in the workspace.</summary>
    public const string ReportFileName = "chain-of-custody-report.txt";

    public string ReportFile => Path.Combine(Root, ReportFileName);

    /// <summary>The same report as one self-contained HTML page (timeline per camera).</summary>
    public string HtmlReportFile => Path.Combine(Root, "chain-of-custody-report.html");

    /// <summary>The ingest server while it runs.</summary>
    public IngestServer? Server { get; set; }

    /// <summary>The loopback proxy that cuts one upload mid-way, while it runs.</summary>
    public CuttingProxy? Proxy { get; set; }

    /// <summary>The cameras (device agents) by device id.</summary>
    public Dictionary<string, AgentCamera> Cameras { get; } = new(StringComparer.Ordinal);

    /// <summary>Stops the server (flushing its audit log) if it runs.</summary>
    public void StopServer()
    {
        Proxy?.Dispose();
        Proxy = null;
        if (Server is not null)
        {
            Server.StopAsync().GetAwaiter().GetResult();
            Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Server = null;
        }
    }

    public void Dispose()
    {
        StopServer();
        foreach (AgentCamera camera in Cameras.Values)
        {
            camera.Dispose();
        }

        Cameras.Clear();
    }
}

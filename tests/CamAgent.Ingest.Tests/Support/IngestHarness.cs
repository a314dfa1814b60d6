using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>A real ingest server on 127.0.0.1 (random port) over a temporary store, with a generated PKI.</summary>
public sealed class IngestHarness : IAsyncDisposable
{
    private readonly TempDirectory _root;
    private readonly List<TusClient> _clients = new();

    private IngestHarness(TempDirectory root, TestPki pki, IngestOptions options)
    {
        _root = root;
        Pki = pki;
        Options = options;
    }

    public TestPki Pki { get; }

    public IngestOptions Options { get; }

    public IngestServer Server { get; private set; } = null!;

    public string StorePath => Options.StorePath;

    public Uri BaseAddress => new($"https://127.0.0.1:{Server.EndPoint.Port}/");

    public static async Task<IngestHarness> StartAsync(Action<IngestOptions>? configure = null, TimeProvider? time = null)
    {
        var root = new TempDirectory();
        var pki = new TestPki();
        IngestOptions options = pki.WriteServerFiles(root.Combine("config"), root.Combine("store"));
        configure?.Invoke(options);
        var harness = new IngestHarness(root, pki, options);
        harness.Server = await IngestServer.StartAsync(options, time);
        return harness;
    }

    /// <summary>Stops the server and starts a new one on the same store (a clean restart).</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        Options.Port = 0;
        Server = await IngestServer.StartAsync(Options);
    }

    public TestCamera NewCamera(string deviceId) => new(Pki.IssueDevice(deviceId));

    public TusClient ClientFor(TestCamera camera) => ClientFor(camera.Certificate);

    public TusClient ClientFor(X509Certificate2? certificate)
    {
        var client = new TusClient(BaseAddress, Pki.Root, certificate);
        _clients.Add(client);
        return client;
    }

    /// <summary>Every audit log line, parsed.</summary>
    public List<JsonElement> AuditEntries()
    {
        string path = Path.Combine(StorePath, "audit.log");
        var entries = new List<JsonElement>();
        foreach (string line in File.ReadAllLines(path))
        {
            entries.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return entries;
    }

    /// <summary>Files under devices/ (relative paths), sorted: what the verifier would see.</summary>
    public List<string> StoredFiles()
    {
        string devices = Path.Combine(StorePath, "devices");
        return Directory.Exists(devices)
            ? Directory.EnumerateFiles(devices, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(devices, f)).Order(StringComparer.Ordinal).ToList()
            : new List<string>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (TusClient client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
        _root.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Host.Tls;
using CamAgent.Ingest;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// The reference ingest server as agencies run it: `camagent serve --config` in its own process,
/// on a free port of 127.0.0.1, with a throw-away PKI and store under one temporary folder.
/// </summary>
internal sealed class BenchIngestServer : BenchServerProcess
{
    /// <summary>The name in the server's certificate; clients dial 127.0.0.1 under it.</summary>
    public const string HostName = "ingest.test";

    private BenchIngestServer(IngestBenchPki pki, string root, int port, Process process)
        : base(process, root, port)
    {
        Pki = pki;
    }

    public IngestBenchPki Pki { get; }

    /// <summary>Writes the PKI and configuration, starts the server and waits until it listens.</summary>
    /// <param name="groupCommit">The filesystem store's group commit (one shared flush) or one fsync per PATCH.</param>
    /// <param name="cluster">The cluster store to serve from instead of the filesystem store, or null.</param>
    public static BenchIngestServer Start(IngestBenchPki pki, bool groupCommit, CamAgent.Ingest.Cluster.ClusterOptions? cluster = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "camagent-bench-ingest-" + Guid.NewGuid().ToString("N"));
        int port = FreePort();
        IngestOptions options = pki.WriteServerFiles(Path.Combine(root, "config"), Path.Combine(root, "store"), port);
        options.Limits.GroupCommit = groupCommit;
        options.Cluster = cluster;
        string config = Path.Combine(root, "config", "ingest.json");
        File.WriteAllText(config, IngestOptionsFile.Serialize(options));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // As agencies run it: the runtime's defaults (tiered compilation with dynamic profile-guided
        // optimisation); the benchmark's warm-up rounds let the recompilation settle first.
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "camagent.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string? ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.Contains("listening", StringComparison.Ordinal))
        {
            process.Kill();
            Directory.Delete(root, recursive: true);
            throw new InvalidOperationException("camagent serve did not start: " + (ready ?? string.Empty) + " " + errors.Result.Trim());
        }

        _ = process.StandardOutput.ReadToEndAsync();
        return new BenchIngestServer(pki, root, port, process);
    }

    /// <summary>
    /// The cameras' way to the agency host as on the device (Core's egress endpoint over the host
    /// TLS connector): presents <paramref name="certificate"/>, trusts only the PKI's root, and
    /// dials 127.0.0.1:<paramref name="port"/> under <see cref="HostName"/>.
    /// </summary>
    public static AgencyEndpoint Endpoint(IngestBenchPki pki, int port, X509Certificate2 certificate, ILogSink log)
    {
        var connector = new TlsConnector(pki.Root, certificate, log, new TlsConnectorOptions
        {
            TestOnlyDialOverride = new IPEndPoint(IPAddress.Loopback, port),
            Protocols = OfferedProtocols,
        });
        return new AgencyEndpoint(connector, HostName, log);
    }

    /// <summary>
    /// The TLS versions the cameras (and the plain clients) offer: 1.2 and 1.3 as the device does,
    /// which on loopback negotiates 1.3; CAMAGENT_BENCH_TLS=1.2 offers 1.2 alone, as a camera
    /// whose TLS stack has no 1.3 (the ingest server then also judges each client certificate
    /// in the handshake, docs/ingest-server.md §3.1).
    /// </summary>
    public static SslProtocols OfferedProtocols =>
        Environment.GetEnvironmentVariable("CAMAGENT_BENCH_TLS") == "1.2" ? SslProtocols.Tls12 : SslProtocols.Tls12 | SslProtocols.Tls13;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

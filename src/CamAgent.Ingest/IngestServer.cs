using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;
using CamAgent.Ingest.Tus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CamAgent.Ingest;

/// <summary>
/// The agency's ingest server: Kestrel on HTTP/1.1 over mutual TLS, serving the tus upload
/// protocol at /files/ (docs/ingest-server.md, docs/upload-protocol.md).
/// </summary>
public sealed class IngestServer : IAsyncDisposable
{
    /// <summary>Time allowed for a TLS handshake; an ESP32 needs a few seconds for ECDHE + ECDSA.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly OpenedStore _store;
    private readonly RefusalLedger _ledger;
    private readonly ExpirySweep _sweep;
    private IDisposable? _ownedFormat;

    private IngestServer(WebApplication app, OpenedStore store, RefusalLedger ledger, ExpirySweep sweep, ConnectionGate gate, IPEndPoint endPoint)
    {
        _app = app;
        _store = store;
        _ledger = ledger;
        _sweep = sweep;
        Connections = gate;
        EndPoint = endPoint;
    }

    /// <summary>The address actually listened on (the port is resolved when 0 was configured).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The evidence store.</summary>
    public IIngestStore Store => _store.Store;

    /// <summary>The store as an operator knows it: the store folder, or the cluster store's database and buckets.</summary>
    public string StoreDescription => _store.Description;

    /// <summary>SHA-256 (hex) of the audit log's last line.</summary>
    public string AuditHeadHash => _store.Audit.HeadHash;

    /// <summary>Connections open, pending and authenticated (docs/ingest-server.md §6).</summary>
    public ConnectionGate Connections { get; }

    /// <summary>Writes the refusal counts of the current window to the audit log now (they are otherwise written when the window ends).</summary>
    public void FlushRefusals() => _ledger.Flush();

    /// <summary>Removes and audits expired uploads now (the server otherwise does so every <c>limits.expirySweepMinutes</c>); returns how many.</summary>
    public Task<int> SweepExpiredAsync() => _sweep.RunOnceAsync();

    /// <summary>
    /// Starts the server with the evidence formats of CamAgent.Core and the receipt key and
    /// certificate named in <paramref name="options"/> (what `camagent serve` runs).
    /// </summary>
    public static async Task<IngestServer> StartAsync(IngestOptions options, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CoreEvidenceFormat format = CredentialFiles.LoadEvidenceFormat(options);
        try
        {
            IngestServer server = await StartAsync(options, format, time, logging).ConfigureAwait(false);
            server._ownedFormat = format;
            return server;
        }
        catch
        {
            format.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the credentials named in <paramref name="options"/>, opens the store (recovering from
    /// any crash), and starts listening with <paramref name="format"/> (which the caller keeps
    /// owning). Throws <see cref="IngestConfigurationException"/> for bad configuration.
    /// </summary>
    public static async Task<IngestServer> StartAsync(IngestOptions options, IEvidenceFormat format, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(format);
        options.Validate();
        time ??= TimeProvider.System;
        SslStreamCertificateContext serverCertificate = CredentialFiles.LoadServerCertificate(options.ServerCertificatePath, options.ServerKeyPath);
        X509Certificate2Collection deviceCa = CredentialFiles.LoadDeviceCaChain(options);
        DeviceTrustSetup.Check(deviceCa, DeviceCaSource(options), time.GetUtcNow());

        OpenedStore store = StoreOpener.Open(options, format, time, deviceCa);
        var ledger = new RefusalLedger(store.Audit, time, TimeSpan.FromSeconds(options.Limits.RefusalWindowSeconds), options.Limits.MaxRefusalAddressesPerWindow);
        var policy = new DeviceCertificatePolicy(deviceCa, time);
        var gate = new ConnectionGate(options.Limits, ledger);
        var services = new IngestServices(store.Store, format, store.Audit, store.Revocations, options.Limits, time, store.LinesCoverStore);
        var connections = new ConnectionServices(gate, new HandshakeInspector(policy, ledger), new ServerTlsSettings(serverCertificate, policy, ledger));
        WebApplication app = Build(options, services, connections, logging);
        var sweep = new ExpirySweep(store.Store, store.Audit, TimeSpan.FromMinutes(options.Limits.ExpirySweepMinutes), time);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await sweep.DisposeAsync().ConfigureAwait(false);
            ledger.Dispose();
            store.Dispose();
            throw;
        }

        return new IngestServer(app, store, ledger, sweep, gate, BoundEndPoint(app, options));
    }

    /// <summary>Stops accepting connections and lets requests in flight finish.</summary>
    public Task StopAsync(CancellationToken cancel = default) => _app.StopAsync(cancel);

    /// <summary>Completes when the host shuts down (e.g. SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        await _sweep.DisposeAsync().ConfigureAwait(false);
        _ledger.Dispose();
        _store.Dispose();
        _ownedFormat?.Dispose();
    }

    private static string DeviceCaSource(IngestOptions options) =>
        string.IsNullOrWhiteSpace(options.RootCaPath) ? $"deviceCaPath '{options.DeviceCaPath}'" : $"deviceCaPath '{options.DeviceCaPath}' with rootCaPath '{options.RootCaPath}'";

    private static WebApplication Build(IngestOptions options, IngestServices services, ConnectionServices connections, Action<ILoggingBuilder>? logging)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options, connections));
        WebApplication app = builder.Build();
        app.Run(http => TusEndpoint.InvokeAsync(http, services));
        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, IngestOptions options, ConnectionServices connections)
    {
        IngestLimits limits = options.Limits;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeaderBytes;
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.Limits.MaxRequestBodySize = limits.MaxPatchBodyBytes;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(limits.MinBodyRateGraceSeconds));
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds);
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(limits.KeepAliveTimeoutSeconds);

        // The gate keeps pending and authenticated connections apart; Kestrel's own limit only
        // bounds the sockets of both together.
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections + limits.MaxPendingHandshakes;
        kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
        kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => context => ConnectionAdmission.BeforeTlsAsync(context, next, connections.Gate, connections.Inspector));
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                HandshakeTimeout = HandshakeTimeout,
                OnConnection = context => ValueTask.FromResult(connections.Tls.ForConnection(context.Connection.RemoteEndPoint)),
            });
            listen.Use(next => context => ConnectionAdmission.AfterTlsAsync(context, next, connections));
        });
    }

    private static IPEndPoint BoundEndPoint(WebApplication app, IngestOptions options)
    {
        var addresses = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()?.Addresses
            : null;
        string? first = addresses?.FirstOrDefault();
        int port = first is null ? options.Port : new Uri(first).Port;
        return new IPEndPoint(IPAddress.Parse(options.ListenAddress), port);
    }
}

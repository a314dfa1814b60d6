using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Egress;
using CamAgent.Core.Http;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Platform;
using CamAgent.Ingest;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// The yardstick for the ingest server: the same bytes, in the same request sizes, uploaded by the
/// same number of clients with the cameras' own HTTP and TLS code over mutual TLS (client
/// certificates from the same device CA, the same server certificate, the same root pinned) to a
/// Kestrel that only appends each body to a file and acknowledges it once durable through the
/// same group commit: no tus rules, no manifest, no content digest, no receipt, no audit line.
/// The server runs in its own process, as `camagent serve` does in the ingest run.
/// </summary>
internal static class PlainUploadBaseline
{
    private const int ConnectTimeoutMs = 30_000;

    /// <summary>The argument that makes the benchmark program run the plain server (<see cref="Serve"/>) instead of benchmarks.</summary>
    public const string ServeArgument = "--plain-upload-server";

    /// <summary>Starts the plain server in its own process; upload to it with <see cref="PlainUploadServer.Round"/>.</summary>
    public static PlainUploadServer Start(IngestBenchPki pki)
    {
        string root = Directory.CreateTempSubdirectory("camagent-bench-plain-").FullName;
        IngestOptions files = pki.WriteServerFiles(Path.Combine(root, "config"), Path.Combine(root, "store"), 0);
        Directory.CreateDirectory(files.StorePath);

        // Its own process, started as the ingest server is (the runtime's default tiered
        // compilation, which this assembly turns off for its micro-benchmarks; SIGTERM at the
        // end), so the two differ in what the server does, not in how it is hosted: in the
        // benchmark's process it would share a heap and a thread pool with the cameras.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_TieredCompilation"] = "1";
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(PlainUploadBaseline).Assembly.Location);
        foreach (string argument in new[] { ServeArgument, files.ServerCertificatePath, files.ServerKeyPath, files.DeviceCaPath!, files.StorePath })
        {
            start.ArgumentList.Add(argument);
        }

        Process server = Process.Start(start)!;
        Task<string> problems = server.StandardError.ReadToEndAsync();
        string? ready = server.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("listening ", StringComparison.Ordinal))
        {
            BenchServerProcess.Terminate(server);
            server.Dispose();
            StoreCleanup.DeleteLater(root);
            throw new InvalidOperationException("the plain upload server did not start: " + ready + " " + problems.Result.Trim());
        }

        return new PlainUploadServer(pki, server, root, int.Parse(ready["listening ".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The plain server's process: <c>--plain-upload-server CERT KEY DEVICE-CA-CHAIN STORE</c>;
    /// prints "listening PORT" and serves until SIGTERM.
    /// </summary>
    public static int Serve(string[] args)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(args[1], args[2]);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(args[3]);
        X509Certificate2 deviceCa = chain.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) == false);
        X509Certificate2 root = chain.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));
        RequestThreads.Reserve(); // as `camagent serve`
        using GroupCommit? group = GroupCommit.ForStore(args[4]);
        WebApplication app = Start(certificate, deviceCa, root, args[4], group);
        Console.WriteLine("listening " + new Uri(app.Urls.First()).Port.ToString(CultureInfo.InvariantCulture));
        app.WaitForShutdown(); // SIGTERM
        return 0;
    }

    // One thread per client, as the cameras of the ingest run have, client i presenting
    // certificates[i]; returns the seconds until the last client finished.
    internal static double Round(IngestBenchPki pki, int port, IReadOnlyList<X509Certificate2> certificates, string prefix, int clients, byte[] body, int requests, ConcurrentBag<string> failures)
    {
        return IngestBenchmark.AllAtOnce(Enumerable.Range(0, clients).Select(i => (Action)(() =>
            Upload(pki, port, certificates[i], prefix + i, body, requests, failures))));
    }

    private static WebApplication Start(X509Certificate2 server, X509Certificate2 deviceCa, X509Certificate2 root, string store, GroupCommit? group)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // as the ingest server, which logs no per-request lines
        // TLS as the ingest server sets it up: HTTP/1.1, a client certificate required, its chain
        // built once by the TLS layer against the agency root alone and accepted when it holds,
        // no session resumption, and the same options for every connection (so one OpenSSL
        // context serves them all).
        var chainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        chainPolicy.CustomTrustStore.Add(root);
        chainPolicy.ExtraStore.Add(deviceCa);
        var context = SslStreamCertificateContext.Create(server, null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    AllowTlsResume = false,
                    CertificateChainPolicy = chainPolicy.Clone(),
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && errors == SslPolicyErrors.None,
                }),
            });
        }));
        WebApplication app = builder.Build();
        app.MapMethods("/upload/{id}", ["PATCH"], async (string id, HttpRequest request) =>
        {
            await using (var file = new FileStream(Path.Combine(store, id), FileMode.Append, FileAccess.Write, FileShare.None, 1))
            {
                await request.Body.CopyToAsync(file);
                await GroupCommit.MakeDurableAsync(file, group);
            }

            return Results.NoContent();
        });
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    // The cameras' own HTTP and TLS stack (Core's HttpConnection over the host TLS connector, the
    // same certificate checks), so the two runs differ only in what the server does with the bytes.
    private static void Upload(IngestBenchPki pki, int port, X509Certificate2 certificate, string id, byte[] body, int requests, ConcurrentBag<string> failures)
    {
        AgencyEndpoint endpoint = BenchIngestServer.Endpoint(pki, port, certificate, new TextLogSink(Console.Error, CamAgent.Core.Platform.LogLevel.Error));
        var connection = new HttpConnection(UploadLimits.RequestHeadBytes, HttpLimits.MaxResponseHeadBytes);
        if (endpoint.Connect(ConnectTimeoutMs, out Stream stream) != TransportStatus.Ok)
        {
            failures.Add($"{id}: connection refused");
            return;
        }

        connection.Attach(stream);
        try
        {
            for (int i = 0; i < requests; i++)
            {
                HttpRequestWriter request = connection.Request;
                request.Begin("PATCH", "/upload/" + id, endpoint.Host);
                request.AddHeader("Content-Length", body.Length);
                HttpResult result = request.End();
                if (result == HttpResult.Ok)
                {
                    result = connection.SendHead();
                }

                if (result == HttpResult.Ok)
                {
                    result = connection.SendBody(body, 0, body.Length);
                }

                if (result == HttpResult.Ok)
                {
                    result = connection.ReceiveHead(false);
                }

                if (result != HttpResult.Ok || connection.Response.StatusCode != (int)HttpStatusCode.NoContent || connection.FinishResponse() != HttpResult.Ok)
                {
                    failures.Add($"{id}: {result} status {(result == HttpResult.Ok ? connection.Response.StatusCode : 0)}");
                    return;
                }
            }
        }
        finally
        {
            connection.Close();
        }
    }
}

/// <summary>A running plain upload server (<see cref="PlainUploadBaseline"/>).</summary>
internal sealed class PlainUploadServer : BenchServerProcess
{
    private readonly IngestBenchPki _pki;
    private readonly List<X509Certificate2> _certificates = [];
    private int _rounds;

    public PlainUploadServer(IngestBenchPki pki, Process process, string root, int port)
        : base(process, root, port)
    {
        _pki = pki;
    }

    /// <summary>
    /// One round: <paramref name="clients"/> clients at once, each with its own certificate (issued
    /// before its first round and kept, as each camera of the ingest run keeps its own, so no
    /// round's processor time includes issuing them), send <paramref name="body"/>
    /// <paramref name="requests"/> times on one connection to a new file; returns the seconds
    /// until the last one finished.
    /// </summary>
    public double Round(int clients, byte[] body, int requests, ConcurrentBag<string> failures)
    {
        while (_certificates.Count < clients)
        {
            _certificates.Add(_pki.IssueDevice("plain-" + _certificates.Count.ToString("D4", CultureInfo.InvariantCulture)));
        }

        return PlainUploadBaseline.Round(_pki, Port, _certificates, "round" + _rounds++ + "-", clients, body, requests, failures);
    }

    public override void Dispose()
    {
        base.Dispose();
        _certificates.ForEach(c => c.Dispose());
    }
}

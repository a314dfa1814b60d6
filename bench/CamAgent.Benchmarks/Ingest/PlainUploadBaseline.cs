using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Egress;
using CamAgent.Core.Http;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Host.Platform;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// The yardstick for the ingest server: the same bytes, in the same request sizes, uploaded by the
/// same number of clients with the cameras' own HTTP and TLS code over mutual TLS (client
/// certificates from the same device CA, the same server certificate, the same root pinned) to a
/// Kestrel that only appends each body to a file and acknowledges it once durable through the
/// same group commit: no tus rules, no manifest, no content digest, no receipt, no audit line.
/// </summary>
internal static class PlainUploadBaseline
{
    private const int ConnectTimeoutMs = 30_000;

    /// <summary>MiB/s for <paramref name="clients"/> clients each sending <paramref name="bytesPerClient"/> bytes in <paramref name="requestBytes"/> PATCHes; failures are counted into <paramref name="errors"/>.</summary>
    public static double Run(IngestBenchPki pki, int clients, int bytesPerClient, int requestBytes, out int errors)
    {
        string store = Directory.CreateTempSubdirectory("camagent-bench-plain-").FullName;
        using GroupCommit? group = GroupCommit.ForStore(store);
        WebApplication app = Start(pki, store, group);
        try
        {
            int port = new Uri(app.Urls.First()).Port;
            byte[] body = new byte[requestBytes];
            Random.Shared.NextBytes(body);

            // Warm-up, not measured, as for the ingest server.
            var warmUp = new ConcurrentBag<string>();
            int warmUpRounds = IngestBenchmark.WarmUpRounds;
            for (int round = 0; round < warmUpRounds; round++)
            {
                Round(pki, port, "warm" + round + "-", clients, body, bytesPerClient / requestBytes, warmUp);
            }

            var failures = new ConcurrentBag<string>();
            double seconds = 0;
            int rounds = IngestBenchmark.MeasuredRounds;
            for (int round = 0; round < rounds; round++)
            {
                seconds += Round(pki, port, "plain" + round + "-", clients, body, bytesPerClient / requestBytes, failures);
            }

            errors = failures.Count + warmUp.Count;
            return (double)rounds * clients * bytesPerClient / (1024 * 1024) / seconds;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(store, recursive: true);
        }
    }

    // One thread per client, as the cameras of the ingest run have; returns the seconds until the last client finished.
    private static double Round(IngestBenchPki pki, int port, string prefix, int clients, byte[] body, int requests, ConcurrentBag<string> failures)
    {
        X509Certificate2[] certificates = Enumerable.Range(0, clients).Select(i => pki.IssueDevice(prefix + "-" + i)).ToArray();
        double seconds = IngestBenchmark.AllAtOnce(Enumerable.Range(0, clients).Select(i => (Action)(() =>
            Upload(pki, port, certificates[i], prefix + i, body, requests, failures))));
        Array.ForEach(certificates, c => c.Dispose());
        return seconds;
    }

    private static WebApplication Start(IngestBenchPki pki, string store, GroupCommit? group)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // as the ingest server, which logs no per-request lines
        X509Certificate2 server = pki.IssueServer();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = server;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, pki.DeviceCa, pki.Root);
        })));
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

    // Mutual TLS with a pinned root: the chain must end at the given root, with the intermediate if any.
    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 intermediate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}

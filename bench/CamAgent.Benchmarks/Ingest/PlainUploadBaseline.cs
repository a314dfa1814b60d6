using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// The yardstick for the ingest server: the same bytes, in the same request sizes, uploaded by the
/// same number of clients over mutual TLS (client certificates from the same device CA, the same
/// server certificate) to a Kestrel that only appends each body to a file and acknowledges it once
/// durable through the same group commit: no tus rules, no manifest, no content digest, no receipt.
/// </summary>
internal static class PlainUploadBaseline
{
    /// <summary>MiB/s for <paramref name="clients"/> clients each sending <paramref name="bytesPerClient"/> bytes in <paramref name="requestBytes"/> PATCHes; failures are counted into <paramref name="errors"/>.</summary>
    public static double Run(IngestBenchPki pki, int clients, int bytesPerClient, int requestBytes, out int errors)
    {
        string store = Directory.CreateTempSubdirectory("camagent-bench-plain-").FullName;
        using GroupCommit? group = GroupCommit.ForStore(store);
        WebApplication app = Start(pki, store, group);
        try
        {
            int port = new Uri(app.Urls.First()).Port;
            var failures = new ConcurrentBag<string>();
            byte[] body = new byte[requestBytes];
            Random.Shared.NextBytes(body);
            // One thread per client, as the cameras of the ingest run have: the thread pool would
            // ramp up too slowly for 200 blocking clients and measure its own injection rate.
            using var go = new ManualResetEventSlim();
            X509Certificate2[] certificates = Enumerable.Range(0, clients).Select(i => pki.IssueDevice("plain-" + i)).ToArray();
            Thread[] threads = Enumerable.Range(0, clients).Select(i => new Thread(() =>
            {
                go.Wait();
                Upload(pki, port, certificates[i], "c" + i, body, bytesPerClient / requestBytes, failures);
            }) { IsBackground = true }).ToArray();
            Array.ForEach(threads, t => t.Start());
            var clock = Stopwatch.StartNew();
            go.Set();
            Array.ForEach(threads, t => t.Join());
            double seconds = clock.Elapsed.TotalSeconds;
            Array.ForEach(certificates, c => c.Dispose());
            errors = failures.Count;
            return (double)clients * bytesPerClient / (1024 * 1024) / seconds;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(store, recursive: true);
        }
    }

    private static WebApplication Start(IngestBenchPki pki, string store, GroupCommit? group)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
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

    private static void Upload(IngestBenchPki pki, int port, X509Certificate2 certificate, string id, byte[] body, int requests, ConcurrentBag<string> failures)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = BenchIngestServer.HostName,
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 cert && ChainsTo(cert, pki.Root, pki.Root),
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/") };
        for (int i = 0; i < requests; i++)
        {
            using var content = new ByteArrayContent(body);
            using HttpResponseMessage response = client.Send(new HttpRequestMessage(HttpMethod.Patch, "upload/" + id) { Content = content });
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                failures.Add($"{id}: {(int)response.StatusCode}");
                return;
            }
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

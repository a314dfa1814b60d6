using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CamAgent.Benchmarks.Upload;

/// <summary>
/// A tus endpoint on Kestrel with mutual TLS that counts and discards content, so the benchmark
/// measures the client and the transport rather than a disk. Both the Core client and curl talk
/// to this same server.
/// </summary>
internal sealed class TusSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _offset;
    private long _length;

    private TusSink(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public long BytesReceived;

    public static async Task<TusSink> StartAsync(X509Certificate2 serverCertificate, X509Certificate2 ca)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, ca),
            }));
        });
        WebApplication app = builder.Build();
        var sink = new TusSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        sink.Port = new Uri(address).Port;
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers["Tus-Resumable"] = "1.0.0";
        if (context.Request.Method == "POST")
        {
            _length = long.Parse(context.Request.Headers["Upload-Length"]!);
            _offset = 0;
            response.StatusCode = 201;
            response.Headers.Location = "/files/bench-cam-1";
            response.Headers["Upload-Offset"] = "0";
            response.ContentLength = 0;
            return;
        }

        byte[] buffer = new byte[65536];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            _offset += read;
            Interlocked.Add(ref BytesReceived, read);
        }

        response.StatusCode = 204;
        response.Headers["Upload-Offset"] = _offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_offset >= _length)
        {
            response.Headers["CamAgent-Receipt"] = "YmVuY2g=";
        }
    }
}

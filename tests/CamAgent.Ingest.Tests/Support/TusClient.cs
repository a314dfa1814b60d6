using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>An HttpClient speaking tus to the server over mutual TLS, trusting only the test PKI's root.</summary>
public sealed class TusClient : IDisposable
{
    private readonly HttpClient _http;
    private int _connections;

    public TusClient(Uri baseAddress, X509Certificate2 rootCa, X509Certificate2? clientCertificate, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedByRoot(certificate, rootCa, errors),
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>TCP connections opened so far: 1 after several requests means they all went over one connection.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public Task<HttpResponseMessage> OptionsAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Options, "/files/"));

    public Task<HttpResponseMessage> CreateAsync(byte[] manifest, long length, string? metadata = null)
    {
        var request = Request(HttpMethod.Post, "/files/");
        request.Headers.TryAddWithoutValidation("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata ?? "manifest " + Convert.ToBase64String(manifest));
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> PatchAsync(string location, long offset, byte[] body, int bodyOffset = 0, int? count = null)
    {
        var request = Request(HttpMethod.Patch, location);
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent(body, bodyOffset, count ?? body.Length - bodyOffset);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> HeadAsync(string location) => SendAsync(Request(HttpMethod.Head, location));

    public Task<HttpResponseMessage> DeleteAsync(string location) => SendAsync(Request(HttpMethod.Delete, location));

    /// <summary>A request with Tus-Resumable: 1.0.0 set.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Creates the upload and sends the content in chunks; returns the last response.</summary>
    public async Task<HttpResponseMessage> UploadAsync(byte[] manifest, byte[] content, int chunkBytes = TestCamera.ChunkSizeBytes)
    {
        HttpResponseMessage created = await CreateAsync(manifest, content.Length);
        if (created.StatusCode != System.Net.HttpStatusCode.Created || content.Length == 0)
        {
            return created;
        }

        string location = created.Headers.Location!.OriginalString;
        HttpResponseMessage last = created;
        for (int offset = 0; offset < content.Length; offset += chunkBytes)
        {
            last = await PatchAsync(location, offset, content, offset, Math.Min(chunkBytes, content.Length - offset));
            if (last.StatusCode != System.Net.HttpStatusCode.NoContent)
            {
                return last;
            }
        }

        return last;
    }

    public void Dispose() => _http.Dispose();

    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            return values.Single();
        }

        return response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.Single() : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellation);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _connections);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static bool TrustedByRoot(X509Certificate? certificate, X509Certificate2 rootCa, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(rootCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}

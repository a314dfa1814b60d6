using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// A small tus 1.0.0 server on Kestrel with real mutual TLS on 127.0.0.1, following
/// docs/upload-protocol.md closely enough to exercise the client: idempotent creation keyed by
/// (device, sequence), offsets, partial PATCH bodies kept after a cut, per-upload locking, and a
/// stand-in receipt (<see cref="TestReceipts"/>). Test manifests start with the sequence number as
/// 8 big-endian bytes, because this server does not decode real manifests.
/// </summary>
public sealed class TestTusServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Upload> _uploads = new();

    private TestTusServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IEnumerable<string> UploadIds => _uploads.Keys;

    /// <summary>Answers a request itself when it returns true (fault injection).</summary>
    public Func<HttpContext, bool>? Intercept { get; set; }

    public int Requests;
    public int Creations;

    public static async Task<TestTusServer> StartAsync(X509Certificate2 serverCertificate, X509Certificate2 deviceCa, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serverCertificate,
            SslProtocols = protocols,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (certificate, _, _) => IsDevice(certificate, deviceCa),
        })));
        WebApplication app = builder.Build();
        TestTusServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new TestTusServer(app, new Uri(address).Port);
        return server;
    }

    public byte[]? StoredContent(string id) => _uploads.TryGetValue(id, out Upload? u) ? u.Data.ToArray() : null;

    public long Offset(string id) => _uploads.TryGetValue(id, out Upload? u) ? u.Data.Length : -1;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IsDevice(X509Certificate2 certificate, X509Certificate2 deviceCa)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(deviceCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(TlsTestPki.ClientAuthOid));
        return chain.Build(certificate);
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        HttpResponse response = context.Response;
        if (Intercept?.Invoke(context) == true)
        {
            return;
        }

        if (context.Request.Headers["Tus-Resumable"] != "1.0.0")
        {
            Error(response, 412, "unsupported-version");
            response.Headers["Tus-Version"] = "1.0.0";
            return;
        }

        response.Headers["Tus-Resumable"] = "1.0.0";
        response.Headers.CacheControl = "no-store";
        string device = context.Connection.ClientCertificate!.GetNameInfo(X509NameType.SimpleName, false);
        string path = context.Request.Path.Value ?? "";
        switch (context.Request.Method)
        {
            case "POST" when path == "/files/":
                Create(context, device);
                break;
            case "HEAD" when TryFind(path, device, response, out Upload? upload):
                await HeadAsync(response, upload!);
                break;
            case "PATCH" when TryFind(path, device, response, out Upload? upload):
                await PatchAsync(context, upload!);
                break;
            default:
                if (!response.HasStarted && response.StatusCode == 200)
                {
                    Error(response, 404, "unknown-upload");
                }

                break;
        }
    }

    private void Create(HttpContext context, string device)
    {
        HttpResponse response = context.Response;
        string metadata = context.Request.Headers["Upload-Metadata"].ToString();
        if (!long.TryParse(context.Request.Headers["Upload-Length"], out long length) || length < 0
            || !metadata.StartsWith("manifest ", StringComparison.Ordinal))
        {
            Error(response, 400, "bad-creation-headers");
            return;
        }

        byte[] manifest = Convert.FromBase64String(metadata["manifest ".Length..]);
        long sequence = BinaryPrimitives.ReadInt64BigEndian(manifest);
        string id = $"{device}-{sequence:D20}";
        Upload upload = _uploads.GetOrAdd(id, _ => new Upload(length, manifest));
        if (!upload.Manifest.AsSpan().SequenceEqual(manifest) || upload.Length != length)
        {
            Error(response, 409, "sequence-conflict");
            return;
        }

        Interlocked.Increment(ref Creations);
        response.StatusCode = 201;
        response.Headers.Location = "/files/" + id;
        response.Headers["Upload-Offset"] = upload.Data.Length.ToString();
        if (upload.Receipt is { } receipt)
        {
            response.Headers["CamAgent-Receipt"] = Convert.ToBase64String(receipt);
        }
        else if (length == 0)
        {
            upload.Complete();
            response.Headers["CamAgent-Receipt"] = Convert.ToBase64String(upload.Receipt!);
        }
    }

    private static async Task HeadAsync(HttpResponse response, Upload upload)
    {
        await upload.Lock.WaitAsync();
        try
        {
            response.StatusCode = 200;
            response.Headers["Upload-Offset"] = upload.Data.Length.ToString();
            response.Headers["Upload-Length"] = upload.Length.ToString();
            if (upload.Receipt is { } receipt)
            {
                response.Headers["CamAgent-Receipt"] = Convert.ToBase64String(receipt);
            }
        }
        finally
        {
            upload.Lock.Release();
        }
    }

    private static async Task PatchAsync(HttpContext context, Upload upload)
    {
        HttpResponse response = context.Response;
        if (context.Request.ContentType != "application/offset+octet-stream")
        {
            Error(response, 415, "bad-content-type");
            return;
        }

        if (!await upload.Lock.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Error(response, 423, "upload-locked");
            return;
        }

        try
        {
            if (!long.TryParse(context.Request.Headers["Upload-Offset"], out long offset) || offset != upload.Data.Length)
            {
                Error(response, 409, "offset-mismatch");
                response.Headers["Upload-Offset"] = upload.Data.Length.ToString();
                return;
            }

            await ReceiveBodyAsync(context.Request.Body, upload);
            if (upload.Data.Length == upload.Length && upload.Receipt == null)
            {
                upload.Complete();
            }

            response.StatusCode = 204;
            response.Headers["Upload-Offset"] = upload.Data.Length.ToString();
            if (upload.Receipt is { } receipt)
            {
                response.Headers["CamAgent-Receipt"] = Convert.ToBase64String(receipt);
            }
        }
        finally
        {
            upload.Lock.Release();
        }
    }

    // tus 1.0.0 PATCH: the server SHOULD keep the bytes that arrived before a connection broke.
    private static async Task ReceiveBodyAsync(Stream body, Upload upload)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                int room = (int)Math.Min(read, upload.Length - upload.Data.Length);
                upload.Data.Write(buffer, 0, room);
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client's connection was cut: what arrived is kept, as the client will HEAD and resume.
        }
    }

    private bool TryFind(string path, string device, HttpResponse response, out Upload? upload)
    {
        upload = null;
        string id = path.StartsWith("/files/", StringComparison.Ordinal) ? path["/files/".Length..] : "";
        if (!_uploads.TryGetValue(id, out upload))
        {
            return false;
        }

        if (!id.StartsWith(device + "-", StringComparison.Ordinal))
        {
            Error(response, 403, "not-your-upload");
            upload = null;
            return false;
        }

        return true;
    }

    private static void Error(HttpResponse response, int status, string code)
    {
        response.StatusCode = status;
        response.Headers["CamAgent-Error"] = code;
        response.ContentLength = 0;
    }

    private sealed class Upload(long length, byte[] manifest)
    {
        public long Length { get; } = length;

        public byte[] Manifest { get; } = manifest;

        public MemoryStream Data { get; } = new();

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public byte[]? Receipt { get; private set; }

        public void Complete() => Receipt = TestReceipts.Create(Manifest, Data.ToArray());
    }
}

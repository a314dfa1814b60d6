using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Sends hand-written HTTP/1.1 requests over mutual TLS, so tests can send what HttpClient
/// refuses to (duplicate headers, bad numbers, lying Content-Length, truncated bodies).
/// </summary>
public static class RawHttp
{
    /// <summary>Status, headers (lower-case names) of a response.</summary>
    public sealed record Response(int Status, Dictionary<string, string> Headers)
    {
        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out string? value) ? value : null;
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the final blank line) and
    /// <paramref name="body"/>, and reads the response head (or, with <paramref name="closeAfterBody"/>,
    /// waits for the server to drop the connection).
    /// </summary>
    public static async Task<Response> SendAsync(IngestHarness harness, X509Certificate2 certificate, string head, byte[]? body = null, bool closeAfterBody = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", harness.Server.EndPoint.Port);
        using var tls = await ConnectTlsAsync(tcp.GetStream(), harness.Pki.Root, certificate);
        await tls.WriteAsync(HeadBytes(head));
        if (body is not null)
        {
            await tls.WriteAsync(body);
        }

        await tls.FlushAsync();
        if (closeAfterBody)
        {
            // The body stops short of its Content-Length and the connection stays open, as when a
            // radio link stalls: the server cuts it once the body rate falls below its minimum.
            await DrainUntilClosedAsync(tls);
            return new Response(0, new Dictionary<string, string>());
        }

        return await ReadHeadAsync(tls);
    }

    /// <summary>
    /// Sends <paramref name="head"/> and the first bytes of its body in one write and hangs up at
    /// once, as a device does when its link drops mid-body: the server sees the request and the
    /// end of the connection together.
    /// </summary>
    public static async Task HangUpMidBodyAsync(IngestHarness harness, X509Certificate2 certificate, string head, byte[] partialBody)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", harness.Server.EndPoint.Port);
        using SslStream tls = await ConnectTlsAsync(tcp.GetStream(), harness.Pki.Root, certificate);
        byte[] request = [.. HeadBytes(head), .. partialBody];
        await tls.WriteAsync(request);
        await tls.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Send);
    }

    // The head as sent: lines joined with CRLF, the Host field added, the blank line that ends it.
    private static byte[] HeadBytes(string head) =>
        Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd() + "\r\nHost: ingest.test\r\n\r\n");

    public static async Task<SslStream> ConnectTlsAsync(Stream transport, X509Certificate2 root, X509Certificate2 certificate)
    {
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = TestPki.ServerName,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificates = new X509CertificateCollection { certificate },
            RemoteCertificateValidationCallback = (_, server, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return server is not null && chain.Build(new X509Certificate2(server));
            },
        });
        return tls;
    }

    // The server closes a connection whose request body stalled.
    private static async Task DrainUntilClosedAsync(Stream stream)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Closed by the server: the expected end.
        }
    }

    /// <summary>Reads a response head (status line and headers) from <paramref name="stream"/>.</summary>
    public static async Task<Response> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (!EndsWithBlankLine(bytes))
        {
            int read = await stream.ReadAsync(one);
            if (read == 0)
            {
                throw new IOException("Connection closed before the response head ended.");
            }

            bytes.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        int status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new Response(status, headers);
    }

    private static bool EndsWithBlankLine(List<byte> bytes)
    {
        int n = bytes.Count;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// One TLS client handshake with the server over a real socket, optionally from a chosen
/// loopback source address, followed by one OPTIONS request: whether the server let the client
/// through, and every byte the server sent (to find TLS alerts in).
/// </summary>
public static class TlsProbe
{
    /// <summary>What one probe saw.</summary>
    public sealed record Outcome(bool Accepted, byte[] ServerBytes, Exception? Error, TlsCipherSuite? Suite = null)
    {
        /// <summary>The description of the first plaintext fatal alert record the server sent, or null.</summary>
        public byte? PlaintextAlert()
        {
            for (int i = 0; i + 7 <= ServerBytes.Length;)
            {
                int length = (ServerBytes[i + 3] << 8) | ServerBytes[i + 4];
                if (ServerBytes[i] == 21 && length == 2 && ServerBytes[i + 5] == 2)
                {
                    return ServerBytes[i + 6];
                }

                i += 5 + length;
            }

            return null;
        }
    }

    /// <summary>Probes <paramref name="server"/>; <paramref name="suites"/>, when given, are the only cipher suites the client offers, in its order of preference.</summary>
    public static async Task<Outcome> RunAsync(IPEndPoint server, X509Certificate2 root, X509Certificate2? certificate, SslProtocols protocol, IPAddress? source = null, TlsCipherSuite[]? suites = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        await socket.ConnectAsync(server);
        var recorder = new RecordingStream(new NetworkStream(socket, ownsSocket: false));
        using var tls = new SslStream(recorder, leaveInnerStreamOpen: true);
        try
        {
            SslClientAuthenticationOptions options = Options(root, certificate, protocol);
            options.CipherSuitesPolicy = suites is null ? null : new CipherSuitesPolicy(suites);
            await tls.AuthenticateAsClientAsync(options);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("OPTIONS /files/ HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\n\r\n"));
            byte[] head = new byte[12];
            int read = await tls.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
            bool accepted = read == head.Length && Encoding.ASCII.GetString(head).StartsWith("HTTP/1.1 2", StringComparison.Ordinal);
            return new Outcome(accepted, recorder.Received(), null, tls.NegotiatedCipherSuite);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return new Outcome(false, recorder.Received(), e);
        }
    }

    private static SslClientAuthenticationOptions Options(X509Certificate2 root, X509Certificate2? certificate, SslProtocols protocol) => new()
    {
        TargetHost = TestPki.ServerName,
        EnabledSslProtocols = protocol,
        ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
        LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
        RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return presented is not null && chain.Build(new X509Certificate2(presented));
        },
    };

    /// <summary>A stream that keeps a copy of everything read through it.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly Stream _inner;
        private readonly MemoryStream _received = new();

        public RecordingStream(Stream inner) => _inner = inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] Received()
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await _inner.ReadAsync(buffer, cancellationToken);
            return Keep(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Keep(ReadOnlySpan<byte> bytes)
        {
            lock (_received)
            {
                _received.Write(bytes);
            }

            return bytes.Length;
        }
    }
}

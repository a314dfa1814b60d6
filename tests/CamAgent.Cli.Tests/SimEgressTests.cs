using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Authentication;
using System.Text;
using Xunit.Abstractions;

namespace CamAgent.Cli.Tests;

/// <summary>
/// Egress proof: the simulated camera runs in its own network namespace whose name resolution
/// points the agency host at an attacker that presents a certificate for the right name from
/// another CA. No application byte may reach the attacker, and a packet capture of the run must
/// show the camera talking to nothing but that one address on port 443.
/// Needs root and `ip netns`; where namespaces are not permitted the test says so and passes
/// vacuously (it cannot prove anything there).
/// </summary>
public sealed class SimEgressTests(ITestOutputHelper output)
{
    private const string AgencyHost = "ingest.agency.example";

    [Fact]
    public void Camera_Sends_Zero_Application_Bytes_To_An_Impostor_With_A_Certificate_From_Another_CA()
    {
        using var ns = NetNamespace.Create(output);

        ns.MapHost(AgencyHost, ns.HostAddress);
        using var creds = new SimCredentials(AgencyHost);
        using var impostor = new ImpostorServer(ns.HostAddress, creds.ImpostorCertificate);
        using var capture = PacketCapture.TryStart(ns.HostInterface, output);
        string work = Directory.CreateTempSubdirectory("camagent-egress-").FullName;
        try
        {
            string config = Path.Combine(work, "device.conf");
            File.WriteAllText(config, creds.ConfigText);
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            (int exit, string stdout, string stderr) = ns.RunCamagent(["sim", "--config", config, "--card", Path.Combine(work, "card"), "--state", Path.Combine(work, "flash"), "--segments", "1", "--segment-bytes", "4096", "--timeout-s", "8"]);
            output.WriteLine(stderr);

            Assert.Equal(6, exit); // nothing can be receipted: the only reachable server is an impostor
            Assert.True(impostor.Connections > 0, "the camera never tried the agency host");
            Assert.Equal(0, impostor.ApplicationBytes);
            // Under TLS 1.3 the server finishes its side before the client checks the certificate,
            // so the impostor may count "handshakes"; what matters is that nothing followed them.
            output.WriteLine($"impostor: {impostor.Connections} connections, {impostor.CompletedHandshakes} server-side handshakes, {impostor.ApplicationBytes} application bytes");
            Assert.Contains("ServerCertificateRejected", stderr);
            if (capture is not null)
            {
                List<string> destinations = capture.StopAndListDestinations(ns.CameraAddress);
                Assert.NotEmpty(destinations);
                Assert.All(destinations, d => Assert.Equal($"{ns.HostAddress}.443", d));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A TLS listener on 443 with a certificate for the agency's name from a foreign CA; counts what it receives.</summary>
    private sealed class ImpostorServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly Thread _thread;
        private volatile bool _stopping;

        public ImpostorServer(IPAddress address, X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener = new TcpListener(address, 443);
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Connections;
        public int CompletedHandshakes;
        public long ApplicationBytes;

        private void Serve()
        {
            while (!_stopping)
            {
                TcpClient client;
                try
                {
                    client = _listener.AcceptTcpClient();
                }
                catch (SocketException)
                {
                    return;
                }

                Interlocked.Increment(ref Connections);
                using (client)
                using (var tls = new SslStream(client.GetStream()))
                {
                    client.ReceiveTimeout = 5000;
                    try
                    {
                        tls.AuthenticateAsServer(new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = false });
                        Interlocked.Increment(ref CompletedHandshakes);
                        byte[] buffer = new byte[4096];
                        int read;
                        while ((read = tls.Read(buffer)) > 0)
                        {
                            Interlocked.Add(ref ApplicationBytes, read);
                        }
                    }
                    catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
                    {
                        // The camera aborted the handshake: exactly what it must do.
                    }
                }
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _listener.Stop();
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}

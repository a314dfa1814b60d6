using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// The server keeps one TLS context for every connection but never resumes a session
/// (docs/ingest-server.md §3.1): every connection presents its certificate and is judged in
/// full, and no session id or ticket is handed out — in TLS 1.3 a ticket would be issued before
/// the client's certificate is judged, so a refused client would hold one. Driven by the openssl
/// command-line client, which offers to resume (.NET's does not when it presents a client
/// certificate).
/// </summary>
public sealed class TlsResumptionTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private IngestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await IngestHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _temp.Dispose();
    }

    // TLS 1.2: the server hands out neither a session id nor a ticket, so openssl keeps no session
    // at all. TLS 1.3: openssl keeps the session and offers it again (a pre-shared key), and the
    // server ignores the offer.
    [Theory]
    [InlineData("-tls1_2", false)]
    [InlineData("-tls1_3", true)]
    public async Task A_Client_Offering_Its_Earlier_Session_Gets_A_Full_Handshake(string version, bool clientKeepsSession)
    {
        using X509Certificate2 device = _harness.Pki.IssueDevice("cam-resume");
        string certificate = _temp.Combine("device.crt.pem");
        string key = _temp.Combine("device.key.pem");
        string root = _temp.Combine("root.crt.pem");
        string session = _temp.Combine("session.pem");
        File.WriteAllText(certificate, device.ExportCertificatePem());
        File.WriteAllText(key, device.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(root, _harness.Pki.Root.ExportCertificatePem());
        string head = $"HEAD /files/{TestCamera.UploadIdOf("cam-resume", 0)} HTTP/1.1\r\nHost: {TestPki.ServerName}\r\nTus-Resumable: 1.0.0\r\nConnection: close\r\n\r\n";

        string first = await SClientAsync(version, certificate, key, root, ["-sess_out", session], head);
        Assert.Contains("New, TLSv1.", first, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 404", first, StringComparison.Ordinal);
        Assert.Equal(clientKeepsSession, File.Exists(session));
        string[] offer = clientKeepsSession ? ["-sess_in", session] : [];

        string second = await SClientAsync(version, certificate, key, root, offer, head);

        Assert.Contains("New, TLSv1.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Reused", second, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 404", second, StringComparison.Ordinal);
    }

    private async Task<string> SClientAsync(string version, string certificate, string key, string root, string[] session, string request)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["s_client", "-connect", $"127.0.0.1:{_harness.Server.EndPoint.Port}", version, "-cert", certificate, "-key", key, "-CAfile", root, "-servername", TestPki.ServerName, "-ign_eof", .. session])
        {
            start.ArgumentList.Add(argument);
        }

        using Process client = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        Task<string> output = client.StandardOutput.ReadToEndAsync();
        Task<string> errors = client.StandardError.ReadToEndAsync();
        await client.StandardInput.WriteAsync(request);
        client.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.WaitForExitAsync(timeout.Token);
        return await output + await errors;
    }
}

using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text.Json;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// Only AEAD cipher suites with forward secrecy carry a connection (docs/ingest-server.md §3.1),
/// held without a per-connection cipher policy: a ClientHello that offers none gets a
/// handshake_failure alert, a client that offers one gets it even when it prefers another, and a
/// handshake that still negotiated another (a server whose OpenSSL configuration ranks it first)
/// is closed before any request is answered. Each refusal is counted in the audit log.
/// </summary>
public sealed class CipherSuiteTests : IAsyncLifetime
{
    private static readonly TlsCipherSuite[] CbcOnly =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    ];

    private IngestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await IngestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Tls12_Offering_Only_Cbc_Suites_Gets_Handshake_Failure_And_Is_Counted()
    {
        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, _harness.Pki.IssueDevice("cam-cbc"), SslProtocols.Tls12, suites: CbcOnly);

        Assert.False(outcome.Accepted);
        Assert.Equal(TlsAlert.HandshakeFailure, outcome.PlaintextAlert());
        _harness.Server.FlushRefusals();
        Assert.Equal(1, RefusalCount(_harness.AuditEntries()));
    }

    [Fact]
    public async Task Tls13_Offering_Only_Aes_Ccm_Gets_Handshake_Failure()
    {
        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, _harness.Pki.IssueDevice("cam-ccm"), SslProtocols.Tls13, suites: [TlsCipherSuite.TLS_AES_128_CCM_SHA256]);

        Assert.False(outcome.Accepted);
        Assert.Equal(TlsAlert.HandshakeFailure, outcome.PlaintextAlert());
    }

    [Theory]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)]
    [InlineData(SslProtocols.Tls13, TlsCipherSuite.TLS_AES_128_GCM_SHA256)]
    [InlineData(SslProtocols.Tls13, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256)]
    public async Task A_Client_That_Prefers_A_Refused_Suite_Is_Served_With_The_Allowed_One_It_Offers(SslProtocols protocol, TlsCipherSuite allowed)
    {
        TlsCipherSuite[] offer = [.. CbcOnly, TlsCipherSuite.TLS_AES_128_CCM_SHA256, allowed];

        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, _harness.Pki.IssueDevice("cam-mixed"), protocol, suites: offer);

        Assert.True(outcome.Accepted, outcome.Error?.ToString());
        Assert.Equal(allowed, outcome.Suite);
        Assert.True(CipherSuiteRule.Allows(outcome.Suite));
    }

    [Fact]
    public async Task A_Handshake_That_Negotiated_A_Refused_Suite_Is_Closed_Before_Any_Answer()
    {
        // `camagent serve` under an OpenSSL configuration that ranks a CBC suite first: a client
        // offering it next to AES-GCM passes the ClientHello check, the server's preference
        // picks CBC, and the connection is closed once the handshake is done.
        using var temp = new TempDirectory();
        IngestOptions options = _harness.Pki.WriteServerFiles(temp.Combine("config"), temp.Combine("store"));
        options.Port = ServerProcess.FreePort();
        options.Limits.RefusalWindowSeconds = 1;
        string config = ServerProcess.WriteConfig(options, temp.Combine("config", "ingest.json"));
        string openSsl = temp.Combine("config", "openssl.cnf");
        File.WriteAllText(openSsl, """
            openssl_conf = init
            [init]
            ssl_conf = ssl
            [ssl]
            system_default = defaults
            [defaults]
            CipherString = ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256
            """);
        using ServerProcess server = ServerProcess.Start(config, new Dictionary<string, string> { ["OPENSSL_CONF"] = openSsl });
        var endPoint = new IPEndPoint(IPAddress.Loopback, options.Port);

        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(endPoint, _harness.Pki.Root, _harness.Pki.IssueDevice("cam-pref"), SslProtocols.Tls12, suites: [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CbcOnly[0]]);

        Assert.Equal(CbcOnly[0], outcome.Suite);
        Assert.False(outcome.Accepted);
        Assert.Null(outcome.PlaintextAlert());
        string audit = Path.Combine(options.StorePath, "audit.log");
        long refused = 0;
        for (int i = 0; i < 100 && refused == 0; i++)
        {
            await Task.Delay(100);
            refused = File.Exists(audit) ? RefusalCount(File.ReadAllLines(audit).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()) : 0;
        }

        Assert.Equal(1, refused);
    }

    private static long RefusalCount(List<JsonElement> audit) => audit
        .Where(e => e.GetProperty("op").GetString() == "tls" && e.TryGetProperty("codes", out _))
        .Sum(e => e.GetProperty("codes").TryGetProperty(CipherSuiteRule.RefusalCode, out JsonElement n) ? n.GetInt64() : 0);
}

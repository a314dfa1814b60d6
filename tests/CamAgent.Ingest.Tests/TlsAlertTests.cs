using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Connections;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// A refused client certificate is answered with the TLS alert the stack allows
/// (docs/ingest-server.md §3.1): in TLS 1.2 a fatal alert naming the reason, sent before the
/// server finishes the handshake; in TLS 1.3 (.NET 10 on Linux validates only after the handshake)
/// the connection is closed before any request is answered.
/// </summary>
public sealed class TlsAlertTests : IAsyncLifetime
{
    private IngestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await IngestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public Task Tls12_Without_A_Certificate_Gets_Handshake_Failure() => AssertTls12Alert(_ => null, TlsAlert.HandshakeFailure);

    [Fact]
    public Task Tls12_With_An_Expired_Certificate_Gets_Certificate_Expired() =>
        AssertTls12Alert(pki => pki.IssueDevice("cam-old", DateTimeOffset.UtcNow.AddHours(-36), DateTimeOffset.UtcNow.AddHours(-1)), TlsAlert.CertificateExpired);

    [Fact]
    public Task Tls12_With_A_Not_Yet_Valid_Certificate_Gets_Bad_Certificate() =>
        AssertTls12Alert(pki => pki.IssueDevice("cam-new", DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddDays(3)), TlsAlert.BadCertificate);

    [Fact]
    public Task Tls12_With_A_Certificate_Of_Another_Agency_Gets_Unknown_Ca() =>
        AssertTls12Alert(_ => new TestPki("Other Agency").IssueDevice("cam-other"), TlsAlert.UnknownCa);

    [Fact]
    public Task Tls12_With_A_Certificate_Without_ClientAuth_Gets_Unsupported_Certificate() =>
        AssertTls12Alert(pki => pki.IssueDeviceWithServerAuthOnly("cam-eku"), TlsAlert.UnsupportedCertificate);

    [Fact]
    public Task Tls12_With_An_Unusable_Device_Id_Gets_Bad_Certificate() => AssertTls12Alert(pki => pki.IssueDevice("../x"), TlsAlert.BadCertificate);

    [Fact]
    public async Task Tls12_With_A_Device_Certificate_Gets_No_Alert_And_An_Answer()
    {
        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, _harness.Pki.IssueDevice("cam-good"), SslProtocols.Tls12);

        Assert.True(outcome.Accepted, outcome.Error?.ToString());
        Assert.Null(outcome.PlaintextAlert());
    }

    [Fact]
    public async Task Tls13_Refusal_Closes_The_Connection_Before_Any_Answer()
    {
        X509Certificate2 other = new TestPki("Other Agency").IssueDevice("cam-other");

        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, other, SslProtocols.Tls13);

        Assert.False(outcome.Accepted);
    }

    private async Task AssertTls12Alert(Func<TestPki, X509Certificate2?> certificate, byte alert)
    {
        TlsProbe.Outcome outcome = await TlsProbe.RunAsync(_harness.Server.EndPoint, _harness.Pki.Root, certificate(_harness.Pki), SslProtocols.Tls12);

        Assert.False(outcome.Accepted);
        Assert.Equal(alert, outcome.PlaintextAlert());
    }
}

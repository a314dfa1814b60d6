using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>
/// Certificates that are not a valid device certificate of this agency never complete the
/// handshake; each refusal is counted for its source address in the window's audit line.
/// </summary>
public sealed class CertificateRejectionTests
{
    [Fact]
    public async Task Handshake_Fails_Without_Client_Certificate_And_Is_Audited()
    {
        await AssertRefusedAtHandshake(_ => null, "client-certificate-missing");
    }

    [Fact]
    public async Task Handshake_Fails_With_Expired_Certificate_And_Is_Audited()
    {
        await AssertRefusedAtHandshake(pki => pki.IssueDevice("cam-expired", DateTimeOffset.UtcNow.AddHours(-36), DateTimeOffset.UtcNow.AddHours(-1)), "certificate-expired");
    }

    [Fact]
    public async Task Handshake_Fails_With_Not_Yet_Valid_Certificate_And_Is_Audited()
    {
        await AssertRefusedAtHandshake(pki => pki.IssueDevice("cam-future", DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddDays(10)), "certificate-not-yet-valid");
    }

    [Fact]
    public async Task Handshake_Fails_With_Certificate_From_Another_Ca_And_Is_Audited()
    {
        var other = new TestPki("Other Agency");
        await AssertRefusedAtHandshake(_ => other.IssueDevice("cam-other"), "certificate-untrusted");
    }

    [Fact]
    public async Task Handshake_Fails_With_Certificate_Issued_By_The_Root_Instead_Of_The_Device_Ca()
    {
        await AssertRefusedAtHandshake(pki => TestPki.IssueDeviceBy("cam-root-issued", pki.Root, pki.RootKey), "certificate-untrusted");
    }

    [Fact]
    public async Task Handshake_Fails_With_Certificate_Without_ClientAuth_Usage_And_Is_Audited()
    {
        await AssertRefusedAtHandshake(pki => pki.IssueDeviceWithServerAuthOnly("cam-eku"), "certificate-wrong-usage");
    }

    [Fact]
    public async Task Handshake_Fails_With_A_Device_Id_That_Could_Name_A_Path()
    {
        await AssertRefusedAtHandshake(pki => pki.IssueDevice(".."), "device-id-invalid");
    }

    // Each certificate is presented once over TLS 1.2 (refused by the handshake inspector, with an
    // alert) and once over TLS 1.3 (refused by the TLS stack's validation): both count the same.
    private static async Task AssertRefusedAtHandshake(Func<TestPki, X509Certificate2?> certificate, string code)
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera good = harness.NewCamera("cam-good");
        byte[] content = RandomNumberGenerator.GetBytes(1000);
        await harness.ClientFor(good).UploadAsync(good.Seal(content), content);
        var before = StoreSnapshot.Take(harness.StorePath);
        X509Certificate2? presented = certificate(harness.Pki);
        foreach (SslProtocols protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
        {
            TlsProbe.Outcome outcome = await TlsProbe.RunAsync(harness.Server.EndPoint, harness.Pki.Root, presented, protocol);
            Assert.False(outcome.Accepted, $"{protocol}: the server answered the request");
        }

        harness.Server.FlushRefusals();
        JsonElement last = harness.AuditEntries()[^1];
        Assert.Equal("reject", last.GetProperty("outcome").GetString());
        Assert.Equal("tls", last.GetProperty("op").GetString());
        Assert.Equal("handshakes-refused", last.GetProperty("code").GetString());
        Assert.Equal("127.0.0.1", last.GetProperty("remote").GetString());
        Assert.Equal(2, last.GetProperty("refused").GetInt64());
        Assert.Equal(2, last.GetProperty("codes").GetProperty(code).GetInt64());
        Assert.False(last.TryGetProperty("device", out _), "a refused peer's claims never fill the device field");
        Assert.False(last.TryGetProperty("serial", out _), "a refused peer's claims never fill the serial field");
        if (presented is not null)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(presented.RawData)), last.GetProperty("certificate").GetString());
            Assert.Equal(presented.GetNameInfo(X509NameType.SimpleName, false), last.GetProperty("claimed").GetString());
        }

        Assert.Equal(before, StoreSnapshot.Take(harness.StorePath));
        Expect.NoUnfinishedUpload(harness.StorePath);
    }
}

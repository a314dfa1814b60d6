using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>Certificates that are not a valid device certificate of this agency never complete the handshake.</summary>
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

    private static async Task AssertRefusedAtHandshake(Func<TestPki, X509Certificate2?> certificate, string code)
    {
        await using IngestHarness harness = await IngestHarness.StartAsync();
        TestCamera good = harness.NewCamera("cam-good");
        byte[] content = RandomNumberGenerator.GetBytes(1000);
        await harness.ClientFor(good).UploadAsync(good.Seal(content), content);
        var before = StoreSnapshot.Take(harness.StorePath);
        X509Certificate2? presented = certificate(harness.Pki);
        TusClient client = harness.ClientFor(presented);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.OptionsAsync());

        JsonElement last = harness.AuditEntries()[^1];
        Assert.Equal("reject", last.GetProperty("outcome").GetString());
        Assert.Equal("tls", last.GetProperty("op").GetString());
        Assert.Equal(code, last.GetProperty("code").GetString());
        Assert.StartsWith("127.0.0.1:", last.GetProperty("remote").GetString());
        if (presented is not null)
        {
            Assert.Equal(presented.SerialNumber.TrimStart('0'), last.GetProperty("serial").GetString());
        }

        Assert.Equal(before, StoreSnapshot.Take(harness.StorePath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(harness.StorePath, "incoming")));
    }
}

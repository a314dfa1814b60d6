using System.Net;
using System.Security.Cryptography;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

/// <summary>Authenticated devices asking for something they may not have: each refused with its own code, audited, nothing stored.</summary>
public sealed class RequestRejectionTests : IAsyncLifetime
{
    private IngestHarness _harness = null!;
    private TestCamera _camera = null!;
    private TusClient _client = null!;
    private Dictionary<string, string> _stored = null!;

    public async Task InitializeAsync()
    {
        _harness = await IngestHarness.StartAsync();
        _camera = _harness.NewCamera("cam-a");
        _client = _harness.ClientFor(_camera);
        byte[] content = RandomNumberGenerator.GetBytes(5000);
        Expect.Status(HttpStatusCode.NoContent, await _client.UploadAsync(_camera.Seal(content), content));
        _stored = StoreSnapshot.Take(_harness.StorePath);
    }

    public async Task DisposeAsync()
    {
        Assert.Equal(_stored, StoreSnapshot.Take(_harness.StorePath));
        Assert.True(CamAgent.Verification.Audit.AuditLogVerifier.Verify(Path.Combine(_harness.StorePath, "audit.log")).IsValid);
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Returns_403_DeviceRevoked_After_Revocation_Without_Restart()
    {
        byte[] content = RandomNumberGenerator.GetBytes(100);
        HttpResponseMessage created = await _client.CreateAsync(_camera.Seal(content), content.Length);
        Expect.Status(HttpStatusCode.Created, created);
        File.WriteAllText(_harness.Options.RevocationListPath, "# revoked\n" + _camera.Certificate.SerialNumber.ToLowerInvariant() + "  # lost camera\n");

        HttpResponseMessage patch = await _client.PatchAsync(created.Headers.Location!.OriginalString, 0, content);

        Expect.Rejected(_harness, patch, 403, "device-revoked");
        Assert.Equal(_camera.DeviceId, _harness.AuditEntries()[^1].GetProperty("device").GetString());
    }

    [Fact]
    public async Task Returns_503_While_The_Revocation_List_Is_Unparseable()
    {
        File.WriteAllText(_harness.Options.RevocationListPath, "not a serial\n");

        HttpResponseMessage head = await _client.HeadAsync("/files/" + TestCamera.UploadIdOf(_camera.DeviceId, 0));

        Expect.Rejected(_harness, head, 503, "revocation-list-unusable");
        Assert.NotNull(head.Headers.RetryAfter);
    }

    [Fact]
    public async Task Returns_400_ManifestSignatureInvalid_For_A_Tampered_Manifest()
    {
        byte[] content = RandomNumberGenerator.GetBytes(100);
        byte[] manifest = _camera.SealAt(_camera.NextSequence, content, _camera.PreviousRecordHash);
        manifest[^70] ^= 0x01;

        HttpResponseMessage response = await _client.CreateAsync(manifest, content.Length);

        Expect.Rejected(_harness, response, 400, "manifest-signature-invalid");
        Expect.NoUnfinishedUpload(_harness.StorePath);
    }

    [Fact]
    public async Task Returns_460_ContentDigestMismatch_And_Discards_Content_Not_Matching_The_Manifest()
    {
        byte[] content = RandomNumberGenerator.GetBytes(30_000);
        byte[] manifest = _camera.Seal(content);
        content[12_345] ^= 0x01;

        HttpResponseMessage last = await _client.UploadAsync(manifest, content);

        Expect.Rejected(_harness, last, 460, "content-digest-mismatch");
        Expect.NoUnfinishedUpload(_harness.StorePath);
        HttpResponseMessage head = await _client.HeadAsync("/files/" + TestCamera.UploadIdOf(_camera.DeviceId, 1));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Returns_403_NotYourUpload_For_Another_Devices_Upload()
    {
        TestCamera other = _harness.NewCamera("cam-b");
        TusClient otherClient = _harness.ClientFor(other);
        string location = "/files/" + TestCamera.UploadIdOf(_camera.DeviceId, 0);

        Expect.Rejected(_harness, await otherClient.HeadAsync(location), 403, "not-your-upload");
        Expect.Rejected(_harness, await otherClient.PatchAsync(location, 0, new byte[10]), 403, "not-your-upload");
        Expect.Rejected(_harness, await otherClient.DeleteAsync(location), 403, "not-your-upload");
        Assert.Equal("cam-b", _harness.AuditEntries()[^1].GetProperty("device").GetString());
    }

    [Fact]
    public async Task Returns_403_ManifestCertificateMismatch_For_A_Manifest_Sealed_By_Another_Device()
    {
        TestCamera other = _harness.NewCamera("cam-b");
        byte[] content = RandomNumberGenerator.GetBytes(10);
        byte[] othersManifest = other.Seal(content);

        HttpResponseMessage response = await _client.CreateAsync(othersManifest, content.Length);

        Expect.Rejected(_harness, response, 403, "manifest-certificate-mismatch");
    }

    [Fact]
    public async Task Returns_409_SequenceConflict_For_A_Different_Manifest_With_A_Used_Sequence()
    {
        byte[] content = RandomNumberGenerator.GetBytes(10);
        byte[] manifest = _camera.SealAt(0, content, new byte[32]);

        HttpResponseMessage response = await _client.CreateAsync(manifest, content.Length);

        Expect.Rejected(_harness, response, 409, "sequence-conflict");
    }

    [Fact]
    public async Task Returns_409_ChainLinkMismatch_When_The_Previous_Record_Hash_Is_Wrong()
    {
        byte[] content = RandomNumberGenerator.GetBytes(10);
        byte[] manifest = _camera.SealAt(_camera.NextSequence, content, new byte[32]);

        HttpResponseMessage response = await _client.CreateAsync(manifest, content.Length);

        Expect.Rejected(_harness, response, 409, "chain-link-mismatch");
    }

    [Fact]
    public async Task Returns_409_ChainLinkMismatch_When_A_Power_Loss_Record_Declares_A_Stored_Record_Skipped()
    {
        // Sequence 0 is stored, so it was published: it cannot have been skipped.
        byte[] manifest = _camera.SealPowerLossAt(1, skipped: 1, new byte[32]);

        HttpResponseMessage response = await _client.CreateAsync(manifest, 0);

        Expect.Rejected(_harness, response, 409, "chain-link-mismatch");
    }

    [Fact]
    public async Task Returns_409_ChainLinkMismatch_When_A_Power_Loss_Record_Does_Not_Link_Across_Its_Declared_Gap()
    {
        byte[] manifest = _camera.SealPowerLossAt(2, skipped: 1, new byte[32]);

        HttpResponseMessage response = await _client.CreateAsync(manifest, 0);

        Expect.Rejected(_harness, response, 409, "chain-link-mismatch");
    }

    [Fact]
    public async Task Returns_400_LengthMismatch_When_Upload_Length_Differs_From_The_Manifest()
    {
        byte[] content = RandomNumberGenerator.GetBytes(10);

        HttpResponseMessage response = await _client.CreateAsync(_camera.Seal(content), 11);

        Expect.Rejected(_harness, response, 400, "length-mismatch");
    }

    [Fact]
    public async Task Returns_201_With_The_Same_Location_When_The_Same_Manifest_Is_Created_Again()
    {
        byte[] content = RandomNumberGenerator.GetBytes(50_000);
        byte[] manifest = _camera.Seal(content);
        HttpResponseMessage first = await _client.CreateAsync(manifest, content.Length);
        string location = first.Headers.Location!.OriginalString;
        Expect.Status(HttpStatusCode.NoContent, await _client.PatchAsync(location, 0, content, 0, 20_000));

        HttpResponseMessage again = await _client.CreateAsync(manifest, content.Length);

        Expect.Status(HttpStatusCode.Created, again);
        Assert.Equal(location, again.Headers.Location!.OriginalString);
        Assert.Equal("20000", TusClient.Header(again, "Upload-Offset"));
    }

    [Fact]
    public async Task Returns_429_When_A_Device_Holds_Too_Many_Open_Uploads()
    {
        for (int i = 0; i < _harness.Options.Limits.MaxOpenUploadsPerDevice; i++)
        {
            Expect.Status(HttpStatusCode.Created, await _client.CreateAsync(_camera.Seal(new byte[] { 1 }), 1));
        }

        HttpResponseMessage response = await _client.CreateAsync(_camera.Seal(new byte[] { 1 }), 1);

        Expect.Rejected(_harness, response, 429, "too-many-open-uploads");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Returns_410_Gone_After_Termination_And_403_For_Deleting_Stored_Evidence()
    {
        byte[] content = RandomNumberGenerator.GetBytes(100);
        HttpResponseMessage created = await _client.CreateAsync(_camera.Seal(content), content.Length);
        string location = created.Headers.Location!.OriginalString;

        Expect.Status(HttpStatusCode.NoContent, await _client.DeleteAsync(location));

        Expect.Rejected(_harness, await _client.HeadAsync(location), 410, "upload-gone");
        Expect.Rejected(_harness, await _client.DeleteAsync("/files/" + TestCamera.UploadIdOf(_camera.DeviceId, 0)), 403, "record-stored");
    }

    [Fact]
    public async Task Returns_403_DeviceIdMismatch_For_A_Manifest_Naming_Another_Device()
    {
        TestCamera impostor = new(_camera.Certificate, deviceIdInManifest: "cam-z");
        byte[] content = RandomNumberGenerator.GetBytes(10);

        HttpResponseMessage response = await _client.CreateAsync(impostor.SealAt(1, content, _camera.PreviousRecordHash), content.Length);

        Expect.Rejected(_harness, response, 403, "device-id-mismatch");
    }

    [Fact]
    public async Task Returns_403_ManifestCertificateRejected_For_A_Manifest_Signed_Under_Another_Ca()
    {
        var other = new TestPki("Other Agency");
        TestCamera foreign = new(other.IssueDevice("cam-a"));
        byte[] content = RandomNumberGenerator.GetBytes(10);

        HttpResponseMessage response = await _client.CreateAsync(foreign.SealAt(1, content, _camera.PreviousRecordHash), content.Length);

        Expect.Rejected(_harness, response, 403, "manifest-certificate-rejected");
    }
}

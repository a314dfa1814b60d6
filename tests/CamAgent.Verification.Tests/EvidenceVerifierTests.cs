using System.Security.Cryptography;
using System.Text.Json;
using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

public class EvidenceVerifierTests
{
    private static VerifierFixture Populated(int segments = 8, bool events = true, bool withDeviceCa = false, int seed = 1)
    {
        return Populated(out _, segments, events, withDeviceCa, seed);
    }

    private static VerifierFixture Populated(out ChainBuilder builder, int segments = 8, bool events = true, bool withDeviceCa = false, int seed = 1)
    {
        var fixture = new VerifierFixture(withDeviceCa);
        builder = new ChainBuilder(fixture.Device, fixture.Store, new Random(seed)).Build(segments, events);
        return fixture;
    }

    private static void AssertFirstError(VerificationReport report, FindingKind kind, long sequence)
    {
        List<Finding> errors = VerifierFixture.Errors(report).ToList();
        Assert.False(report.IsValid);
        Assert.Contains(errors, f => f.Kind == kind && f.Sequence == sequence);
        Assert.Equal(sequence, errors.Min(f => f.Sequence ?? long.MaxValue));
    }

    [Fact]
    public void Clean_Store_Is_Valid_With_Every_Record_Verified()
    {
        using VerifierFixture fixture = Populated();
        VerificationReport report = fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        DeviceReport device = Assert.Single(report.Devices);
        Assert.Equal("cam-0001", device.DeviceId);
        Assert.All(device.Records, r => Assert.True(r.Authentic && r.ContentVerified && r.ReceiptVerified, r.ToString()));
        Assert.Equal(0, report.WarningCount);
    }

    [Fact]
    public void Device_Certificates_Issued_By_An_Intermediate_Device_Ca_Verify()
    {
        using VerifierFixture fixture = Populated(withDeviceCa: true);
        VerificationReport report = fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
    }

    [Fact]
    public void A_Single_Device_Folder_Can_Be_Verified()
    {
        using VerifierFixture fixture = Populated(segments: 3);
        VerificationReport report = fixture.Verify(fixture.Store.DeviceFolder("cam-0001"));
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Equal("cam-0001", Assert.Single(report.Devices).DeviceId);
    }

    [Fact]
    public void Evidence_From_Another_Agency_Is_Refused_As_Bad_Certificate()
    {
        using VerifierFixture fixture = Populated(segments: 2);
        using var otherAgency = new TestPki("Some Other Agency CA");
        var options = new VerificationOptions(otherAgency.AgencyCertificates);
        VerificationReport report = EvidenceVerifier.Verify(fixture.Store.Root, options, out _)!;
        AssertFirstError(report, FindingKind.BadCertificate, 0);
    }

    [Fact]
    public void Device_Certificate_Without_Client_Auth_Usage_Is_Refused()
    {
        using var fixture = new VerifierFixture();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] serverLike = fixture.Pki.IssueDevice("cam-0009", key, ekuOid: "1.3.6.1.5.5.7.3.1");
        using var signer = new Host.Crypto.HostEcdsaSigner(ECDsa.Create(key.ExportParameters(true)));
        using var device = new TestDevice(fixture.Pki, "cam-0009");
        var sealer = new Sealer(new Host.Crypto.HostHmacSha256Factory(), signer, serverLike, "cam-0009", 256);
        var chain = new ChainState();
        byte[] output = new byte[sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, sealer.SealContinuity(new Manifest { Event = ContinuityEvent.RecordingStart, ClockState = ClockState.Invalid }, chain, output, 0, output.Length, out int written));
        fixture.Store.Put(device, output[..written], null, withReceipt: false);
        AssertFirstError(fixture.Verify(), FindingKind.BadCertificate, 0);
    }

    [Fact]
    public void Content_Bit_Flip_Is_A_Content_Mismatch_At_That_Sequence()
    {
        using VerifierFixture fixture = Populated(out ChainBuilder builder);
        long sequence = builder.SegmentsWithContent.First();
        string path = fixture.Store.PathOf("cam-0001", sequence, "segment");
        byte[] content = File.ReadAllBytes(path);
        content[content.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, content);
        AssertFirstError(fixture.Verify(), FindingKind.ContentMismatch, sequence);
    }

    [Fact]
    public void Deleted_Record_Is_Missing_At_Its_Sequence()
    {
        using VerifierFixture fixture = Populated();
        foreach (string file in Directory.GetFiles(fixture.Store.DeviceFolder("cam-0001"), $"{3:D20}.*"))
        {
            File.Delete(file);
        }

        AssertFirstError(fixture.Verify(), FindingKind.Missing, 3);
    }

    [Fact]
    public void Receipt_Signed_By_A_Device_Key_Is_Refused()
    {
        using VerifierFixture fixture = Populated(segments: 2);
        using var rogue = new TestDevice(fixture.Pki, "cam-0666");
        var store = new TestStore(fixture.Pki);
        try
        {
            string receiptPath = fixture.Store.PathOf("cam-0001", 1, "receipt.cose");
            byte[] manifestBytes = File.ReadAllBytes(fixture.Store.PathOf("cam-0001", 1, "manifest.cose"));
            var view = new Core.Cose.CoseSign1Message();
            view.Decode(manifestBytes, 0, manifestBytes.Length);
            var manifest = new Manifest();
            ManifestCodec.Decode(manifestBytes, view.PayloadOffset, view.PayloadLength, new Core.Cbor.CborReader(), manifest, out _);
            byte[] forged = ForgeReceiptWithDeviceKey(rogue, manifest, manifestBytes);
            File.WriteAllBytes(receiptPath, forged);
            AssertFirstError(fixture.Verify(), FindingKind.ReceiptInvalid, 1);
        }
        finally
        {
            store.Dispose();
        }
    }

    private static byte[] ForgeReceiptWithDeviceKey(TestDevice rogue, Manifest manifest, byte[] record)
    {
        var receipt = new Receipt { DeviceId = manifest.DeviceId, Sequence = manifest.Sequence, ContentLength = manifest.ContentLength, ServerTimeMs = 1_763_900_000_000, UploadId = "forged" };
        Array.Copy(manifest.ContentDigestBytes, receipt.ContentDigestBytes, 32);
        Array.Copy(SHA256.HashData(record), receipt.ManifestDigest, 32);
        byte[] payload = new byte[512];
        var writer = new Core.Cbor.CborWriter(payload, 0, payload.Length);
        receipt.Encode(writer, out _);
        byte[] output = new byte[Core.Cose.CoseSign1Encoder.EncodedSize(rogue.Certificate.Length, writer.Length)];
        new Core.Cose.CoseSign1Encoder().Sign(rogue.Signer, rogue.Certificate, 0, rogue.Certificate.Length, payload, 0, writer.Length, output, 0, output.Length, out _);
        return output;
    }

    [Fact]
    public void Symbolic_Links_Are_Never_Followed()
    {
        using VerifierFixture fixture = Populated(out ChainBuilder builder, segments: 4);
        long sequence = builder.SegmentsWithContent.First();
        string target = fixture.Store.PathOf("cam-0001", sequence, "segment");
        string secret = Path.Combine(fixture.Store.Root, "outside.bin");
        File.WriteAllBytes(secret, File.ReadAllBytes(target));
        File.Delete(target);
        File.CreateSymbolicLink(target, secret);
        VerificationReport report = fixture.Verify();
        Assert.False(report.IsValid);
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.UnsafeFile);
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.ContentMissing && f.Sequence == sequence);
    }

    [Fact]
    public void A_Fifo_Named_Like_A_Record_Is_Not_Opened()
    {
        using VerifierFixture fixture = Populated(segments: 2);
        string path = fixture.Store.PathOf("cam-0001", 2, "manifest.cose");
        File.Delete(path);
        ExternalTool.Result made = ExternalTool.Run("mkfifo", new[] { path }, fixture.Store.Root);
        Assert.Equal(0, made.ExitCode);
        AssertFirstError(fixture.Verify(), FindingKind.MalformedRecord, 2);
    }

    [Fact]
    public void Unknown_Files_Are_Warnings_And_Incoming_Uploads_Are_Never_Read()
    {
        using VerifierFixture fixture = Populated(segments: 2);
        File.WriteAllText(Path.Combine(fixture.Store.DeviceFolder("cam-0001"), "notes.txt"), "x");
        Directory.CreateDirectory(Path.Combine(fixture.Store.Root, "incoming"));
        File.WriteAllText(Path.Combine(fixture.Store.Root, "incoming", $"{0:D20}.manifest.cose"), "garbage");
        VerificationReport report = fixture.Verify();
        Assert.True(report.IsValid, VerifierFixture.Describe(report));
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.UnexpectedFile && f.Severity == Severity.Warning);
    }

    [Fact]
    public void Not_A_Folder_Or_An_Empty_Folder_Is_Bad_Input()
    {
        using var pki = new TestPki();
        var options = new VerificationOptions(pki.AgencyCertificates);
        Assert.Null(EvidenceVerifier.Verify("/nonexistent/camagent", options, out string? problem));
        Assert.Contains("not a directory", problem);
        string empty = Directory.CreateTempSubdirectory("camagent-empty-").FullName;
        try
        {
            Assert.Null(EvidenceVerifier.Verify(empty, options, out problem));
            Assert.Contains("no evidence", problem);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_Store_Missing_Its_Beginning_Needs_An_Explicit_First_Sequence()
    {
        using VerifierFixture fixture = Populated(segments: 4, events: false);
        foreach (string file in Directory.GetFiles(fixture.Store.DeviceFolder("cam-0001"), $"{0:D20}.*").Concat(Directory.GetFiles(fixture.Store.DeviceFolder("cam-0001"), $"{1:D20}.*")))
        {
            File.Delete(file);
        }

        AssertFirstError(fixture.Verify(), FindingKind.Missing, 0);
        VerificationReport partial = fixture.Verify(firstSequence: 2);
        Assert.True(partial.IsValid, VerifierFixture.Describe(partial));
        Assert.Contains(partial.AllFindings, f => f.Kind == FindingKind.Explanation && f.Sequence == 2);
    }

    [Fact]
    public void Wall_Time_Going_Backwards_Without_A_Clock_Step_Is_A_Time_Anomaly()
    {
        using var fixture = new VerifierFixture();
        fixture.Store.Put(fixture.Device, fixture.Device.SealContinuity(ContinuityEvent.RecordingStart), null);
        fixture.Store.Put(fixture.Device, fixture.Device.SealSegment(new byte[10]), new byte[10]);
        fixture.Device.WallClockMs -= 3_600_000;
        fixture.Store.Put(fixture.Device, fixture.Device.SealSegment(new byte[10]), new byte[10]);
        AssertFirstError(fixture.Verify(), FindingKind.TimeAnomaly, 2);
    }

    [Fact]
    public void Json_Report_Carries_Verdict_Records_And_Findings()
    {
        using VerifierFixture fixture = Populated(segments: 2);
        File.Delete(fixture.Store.PathOf("cam-0001", 1, "receipt.cose"));
        VerificationReport report = fixture.Verify();
        var text = new StringWriter();
        ReportWriter.WriteJson(report, text);
        using JsonDocument json = JsonDocument.Parse(text.ToString());
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        JsonElement device = json.RootElement.GetProperty("devices")[0];
        Assert.Equal("cam-0001", device.GetProperty("deviceId").GetString());
        Assert.Contains(device.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "receiptMissing");
        Assert.True(device.GetProperty("records").GetArrayLength() >= 4);
    }
}

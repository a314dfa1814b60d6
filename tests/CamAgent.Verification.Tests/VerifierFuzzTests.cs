using CamAgent.Core.Evidence;

namespace CamAgent.Verification.Tests;

/// <summary>
/// The verifier's own entry points on hostile bytes: mutated records and receipts go through the
/// full authentication (certificate parsing and chain building included) and garbage files through
/// the store scan. Every input must yield a finding, never an exception. Seeded (CAMAGENT_SEED).
/// </summary>
public class VerifierFuzzTests
{
    private static int Iterations => TestSettings.Count("CAMAGENT_VERIFIER_FUZZ", TestSettings.Soak ? 20_000 : 1_500);

    [Fact]
    public void Mutated_Records_And_Receipts_Are_Refused_Without_Exceptions()
    {
        int seed = TestSettings.Seed(9052);
        var random = new Random(seed);
        using var fixture = new VerifierFixture();
        byte[] record = fixture.Device.SealSegment(new byte[500]);
        byte[] receipt = fixture.Store.IssueReceipt(ManifestOf(record), record);
        using var authenticator = new RecordAuthenticator(fixture.Pki.AgencyCertificates);
        int refused = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] original = i % 2 == 0 ? record : receipt;
            byte[] input = (byte[])original.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++)
            {
                input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
            }

            if (random.Next(5) == 0)
            {
                input = input[..random.Next(input.Length)];
            }

            try
            {
                bool accepted = i % 2 == 0 ? authenticator.CheckManifest(input).IsAuthentic : authenticator.CheckReceipt(input).Problem is null;
                Assert.False(accepted && !input.AsSpan().SequenceEqual(original), $"seed {seed}, input {i}: a mutated input was accepted");
                refused += accepted ? 0 : 1;
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}, input {i} ({Convert.ToHexString(input)}) threw {exception}");
            }
        }

        Assert.True(refused > Iterations * 9 / 10);
    }

    [Fact]
    public void Garbage_Files_In_The_Layout_Are_Findings_Not_Crashes()
    {
        int seed = TestSettings.Seed(1234);
        var random = new Random(seed);
        using var fixture = new VerifierFixture();
        new ChainBuilder(fixture.Device, fixture.Store, random).Build(3, events: false);
        string folder = fixture.Store.DeviceFolder(fixture.Device.DeviceId);
        for (int i = 0; i < 40; i++)
        {
            byte[] junk = new byte[random.Next(0, 3000)];
            random.NextBytes(junk);
            string extension = new[] { "manifest.cose", "segment", "receipt.cose" }[random.Next(3)];
            File.WriteAllBytes(Path.Combine(folder, $"{random.NextInt64(0, long.MaxValue):D20}.{extension}"), junk);
        }

        File.WriteAllBytes(Path.Combine(folder, $"{long.MaxValue:D20}.manifest.cose"), new byte[] { 0xD2 });
        File.WriteAllBytes(Path.Combine(folder, "99999999999999999999.manifest.cose"), new byte[] { 0xD2 });
        VerificationReport report = fixture.Verify();
        Assert.False(report.IsValid);
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.MalformedRecord);
        Assert.Contains(report.AllFindings, f => f.Kind == FindingKind.UnexpectedFile);
        var text = new StringWriter();
        ReportWriter.WriteText(report, text);
        ReportWriter.WriteJson(report, text);
        Assert.Contains("NOT VALID", text.ToString());
    }

    private static Manifest ManifestOf(byte[] record)
    {
        var view = new Core.Cose.CoseSign1Message();
        view.Decode(record, 0, record.Length);
        var manifest = new Manifest();
        ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new Core.Cbor.CborReader(), manifest, out _);
        return manifest;
    }
}

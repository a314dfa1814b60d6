using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>A PKI, a device and a store; verifies the store in-process.</summary>
public sealed class VerifierFixture : IDisposable
{
    public VerifierFixture(bool withDeviceCa = false, string deviceId = "cam-0001", int chunkSizeBytes = ChainBuilder.ChunkSize)
    {
        Pki = new TestPki(withDeviceCa: withDeviceCa);
        Device = new TestDevice(Pki, deviceId, chunkSizeBytes);
        Store = new TestStore(Pki);
    }

    public TestPki Pki { get; }

    public TestDevice Device { get; }

    public TestStore Store { get; }

    public VerificationReport Verify(string? path = null, long firstSequence = 0)
    {
        var options = new VerificationOptions(Pki.AgencyCertificates) { FirstSequence = firstSequence };
        VerificationReport? report = EvidenceVerifier.Verify(path ?? Store.Root, options, out string? problem);
        Assert.True(report is not null, problem);
        return report!;
    }

    public static IEnumerable<Finding> Errors(VerificationReport report) => report.AllFindings.Where(f => f.Severity == Severity.Error);

    public static string Describe(VerificationReport report)
    {
        var text = new StringWriter();
        ReportWriter.WriteText(report, text);
        return text.ToString();
    }

    public void Dispose()
    {
        Store.Dispose();
        Device.Dispose();
        Pki.Dispose();
    }
}

using System.Text.RegularExpressions;

namespace CamAgent.Cli.Tests.Demo;

/// <summary>`camagent demo` through the real executable: every step real, the kept folder checked file by file.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private const int StepCount = 12;
    private readonly TempFolder temp = new();

    [Fact]
    public void Demo_With_Keep_Exits_0_And_Keeps_Byte_Identical_Segments_Receipts_Audit_Refusal_And_A_Valid_Report()
    {
        string keep = temp.Combine("kept");

        CamAgentProcess.Result run = CamAgentProcess.Run(temp.Path, "demo", "--keep", keep);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        string[] passed = run.Output.Split('\n').Where(line => line.StartsWith("✓ [", StringComparison.Ordinal)).ToArray();
        Assert.Equal(StepCount, passed.Length);
        Assert.DoesNotContain("✗", run.Output);
        Assert.Contains("TEST-ONLY dial override", run.Output);
        Assert.Matches(new Regex(@"✓ \[7/12\] .*connection cut after [\d,]+ bytes .*resumed with HEAD at offset [1-9][\d,]* bytes"), run.Output);
        Assert.Contains("HTTP 403, CamAgent-Error device-revoked, nothing stored", run.Output);
        Assert.Contains("VERDICT: VALID", run.Output);

        AssertSegmentsStoredAsRecorded(keep, "cam-demo-1", expectedSegments: 4);
        AssertSegmentsStoredAsRecorded(keep, "cam-demo-2", expectedSegments: 1);
        AssertEveryManifestHasAReceipt(keep, "cam-demo-1", expectedRecords: 5);
        AssertEveryManifestHasAReceipt(keep, "cam-demo-2", expectedRecords: 2);
        string refusedSegment = Path.Combine(keep, "cameras", "cam-demo-2", "recorded", Sequence(2) + ".segment");
        Assert.True(File.Exists(refusedSegment), "the revoked camera keeps the segment the server refused");
        Assert.False(File.Exists(Path.Combine(keep, "store", "devices", "cam-demo-2", Sequence(2) + ".manifest.cose")));

        string[] audit = File.ReadAllLines(Path.Combine(keep, "store", "audit.log"));
        Assert.Contains(audit, line => line.Contains("\"outcome\":\"reject\"") && line.Contains("\"code\":\"device-revoked\"") && line.Contains("\"device\":\"cam-demo-2\"") && line.Contains("\"status\":403"));
        Assert.Contains("cam-demo-2", File.ReadAllText(Path.Combine(keep, "pki", "revoked-serials.txt")));
        string report = File.ReadAllText(Path.Combine(keep, "chain-of-custody-report.txt"));
        Assert.Contains("Device cam-demo-1: VALID", report);
        Assert.Contains("Device cam-demo-2: VALID", report);
        Assert.Contains("VERDICT: VALID", report);
        Assert.True(File.Exists(Path.Combine(keep, "bundles", "cam-demo-1.bundle.cose")));
    }

    [Fact]
    public void Demo_Without_Keep_Exits_0_And_Removes_Its_Folder()
    {
        CamAgentProcess.Result run = CamAgentProcess.Run(temp.Path, "demo");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Match removed = Regex.Match(run.Output, @"demo: removed (\S+) ");
        Assert.True(removed.Success, run.Output);
        Assert.False(Directory.Exists(removed.Groups[1].Value));
        Assert.Empty(TempFolder.Listing(temp.Path));
    }

    [Fact]
    public void Demo_Refuses_A_Keep_Folder_That_Is_Not_Empty_And_Leaves_It_Untouched()
    {
        string keep = temp.Combine("busy");
        Directory.CreateDirectory(keep);
        File.WriteAllText(Path.Combine(keep, "evidence.txt"), "do not touch");

        CamAgentProcess.Result run = CamAgentProcess.Run(temp.Path, "demo", "--keep", keep);

        Assert.Equal(ExitCodes.Conflict, run.ExitCode);
        Assert.Contains("is not empty", run.Error);
        Assert.Equal(["evidence.txt"], TempFolder.Listing(keep));
        Assert.Equal("do not touch", File.ReadAllText(Path.Combine(keep, "evidence.txt")));
    }

    public void Dispose() => temp.Dispose();

    private static string Sequence(long sequence) => sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertSegmentsStoredAsRecorded(string keep, string deviceId, int expectedSegments)
    {
        string recorded = Path.Combine(keep, "cameras", deviceId, "recorded");
        string stored = Path.Combine(keep, "store", "devices", deviceId);
        string[] storedSegments = Directory.GetFiles(stored, "*.segment");
        Assert.Equal(expectedSegments, storedSegments.Length);
        foreach (string segment in storedSegments)
        {
            byte[] original = File.ReadAllBytes(Path.Combine(recorded, Path.GetFileName(segment)));
            Assert.True(original.Length > 0);
            Assert.Equal(original, File.ReadAllBytes(segment));
        }
    }

    private static void AssertEveryManifestHasAReceipt(string keep, string deviceId, int expectedRecords)
    {
        string stored = Path.Combine(keep, "store", "devices", deviceId);
        string[] manifests = Directory.GetFiles(stored, "*.manifest.cose").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(0, expectedRecords).Select(s => Sequence(s) + ".manifest.cose"), manifests.Select(Path.GetFileName));
        foreach (string manifest in manifests)
        {
            string receipt = manifest.Replace(".manifest.cose", ".receipt.cose", StringComparison.Ordinal);
            Assert.True(new FileInfo(receipt).Length > 0, receipt);
        }
    }
}

using System.Text.RegularExpressions;

namespace CamAgent.Cli.Tests.Demo;

/// <summary>`camagent demo` through the real executable: every step real, the kept folder checked file by file.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private const int StepCount = 13;
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
        Assert.Matches(new Regex(@"✓ \[8/13\] .*connection reset after [\d,]+ bytes .*resumed with a PATCH from offset [1-9][\d,]* bytes on a new connection"), run.Output);
        Assert.Contains("HTTP 403, CamAgent-Error device-revoked", run.Output);
        Assert.Contains("VERDICT: VALID", run.Output);

        // Every step worked, so nothing is an error: the refusal and the cut are printed as expected.
        Assert.DoesNotContain(" ERROR ", run.Output + run.Error);
        Assert.Contains("cam-demo-2 refused as expected (revoked): upload: record 2 rejected: Forbidden (HTTP 403)", run.Output);

        // The cameras boot with a synchronised clock: no record may say its clock proved no time.
        Assert.DoesNotMatch(new Regex(@"^\s+\d+\s+.*not attested", RegexOptions.Multiline), run.Output);
        Assert.Contains("<h1>VALID</h1>", File.ReadAllText(Path.Combine(keep, "chain-of-custody-report.html")));

        AssertSegmentsStoredAsRecorded(keep, "cam-demo-1", expectedSegments: 4, refused: 0);
        AssertSegmentsStoredAsRecorded(keep, "cam-demo-2", expectedSegments: 1, refused: 1);
        AssertChainStoredWithReceipts(keep, "cam-demo-1", segments: 4);
        AssertChainStoredWithReceipts(keep, "cam-demo-2", segments: 1);
        Assert.Empty(Directory.GetFiles(Path.Combine(keep, "cameras", "cam-demo-1", "card", "SEG")));

        // The refused segment is neither stored nor lost: it stays sealed on the revoked camera's card.
        string refused = Directory.GetFiles(Path.Combine(keep, "cameras", "cam-demo-2", "recorded")).Order(StringComparer.Ordinal).Last();
        Assert.Equal(File.ReadAllBytes(refused), File.ReadAllBytes(Path.Combine(keep, "cameras", "cam-demo-2", "card", "SEG", Path.GetFileName(refused))));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(keep, "cameras", "cam-demo-2", "card", "SPOOL"), "*.MAN"));

        string[] audit = File.ReadAllLines(Path.Combine(keep, "store", "audit.log"));
        Assert.Contains(audit, line => line.Contains("\"outcome\":\"reject\"") && line.Contains("\"code\":\"device-revoked\"") && line.Contains("\"device\":\"cam-demo-2\"") && line.Contains("\"status\":403"));
        Assert.Contains("cam-demo-2", File.ReadAllText(Path.Combine(keep, "pki", "revoked-serials.txt")));
        string report = File.ReadAllText(Path.Combine(keep, "chain-of-custody-report.txt"));
        Assert.Contains("Device cam-demo-1: VALID", report);
        Assert.Contains("Device cam-demo-2: VALID", report);
        Assert.Contains("VERDICT: VALID", report);
        Assert.Contains("(0 warning(s))", report);
        Assert.DoesNotContain("[W]", report);
        Assert.True(File.Exists(Path.Combine(keep, "bundles", "cam-demo-1.bundle.cose")));
        Assert.True(File.Exists(Path.Combine(keep, "bundles", "cam-demo-2.bundle.cose")));
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
    public void Demo_Exits_StepFailed_With_A_Cross_Line_And_Stops_When_A_Step_Fails()
    {
        string keep = temp.Combine("kept");
        string noBoards = Directory.CreateDirectory(temp.Combine("no-boards")).FullName;

        CamAgentProcess.Result run = CamAgentProcess.Run(temp.Path, "demo", "--keep", keep, "--boards", noBoards);

        Assert.Equal(ExitCodes.StepFailed, run.ExitCode);
        Assert.Contains("✓ [3/13] Enrol camera cam-demo-2", run.Output);
        Assert.Contains("✗ [4/13] Make and verify the device bundle of cam-demo-1", run.Output);
        Assert.Contains("ai-thinker-esp32-cam", run.Output);
        Assert.Contains("demo: stopped at step 4", run.Output);
        Assert.DoesNotContain("[5/13]", run.Output);
        Assert.False(Directory.Exists(Path.Combine(keep, "store")), "no server was started");
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

    /// <summary>Every stored segment is byte-identical to one the camera recorded; the last <paramref name="refused"/> recorded are not stored.</summary>
    private static void AssertSegmentsStoredAsRecorded(string keep, string deviceId, int expectedSegments, int refused)
    {
        string[] recorded = Directory.GetFiles(Path.Combine(keep, "cameras", deviceId, "recorded")).Order(StringComparer.Ordinal).ToArray();
        string[] stored = Directory.GetFiles(Path.Combine(keep, "store", "devices", deviceId), "*.segment").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedSegments + refused, recorded.Length);
        Assert.Equal(expectedSegments, stored.Length);
        for (int i = 0; i < expectedSegments; i++)
        {
            Assert.Equal(File.ReadAllBytes(recorded[i]), File.ReadAllBytes(stored[i]));
        }
    }

    /// <summary>The store holds the device's chain from sequence 0 without a gap, each record with a receipt; continuity records as well as the segments.</summary>
    private static void AssertChainStoredWithReceipts(string keep, string deviceId, int segments)
    {
        string stored = Path.Combine(keep, "store", "devices", deviceId);
        string[] manifests = Directory.GetFiles(stored, "*.manifest.cose").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.True(manifests.Length > segments, $"{deviceId}: {manifests.Length} records for {segments} segments");
        Assert.Equal(Enumerable.Range(0, manifests.Length).Select(s => Sequence(s) + ".manifest.cose"), manifests);
        foreach (string manifest in manifests)
        {
            string receipt = Path.Combine(stored, manifest.Replace(".manifest.cose", ".receipt.cose", StringComparison.Ordinal));
            Assert.True(new FileInfo(receipt).Length > 0, receipt);
        }
    }
}

namespace CamAgent.SubsetCheck.Tests;

public sealed class CleanSampleTests
{
    public static IEnumerable<object[]> CleanFiles => SampleChecker.Files(TestPaths.CleanSamples);

    [Theory]
    [MemberData(nameof(CleanFiles))]
    public void Reports_No_Violations_For_Code_Inside_The_Subset(string fileName)
    {
        string file = Path.Combine(TestPaths.CleanSamples, fileName);

        IReadOnlyList<Violation> violations = SampleChecker.Check(file);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Reports_No_Violations_For_All_Clean_Samples_Compiled_Together()
    {
        var result = SubsetChecker.Check(TestPaths.CleanSamples, SampleChecker.Allowlist, SampleChecker.ReferenceSet);

        Assert.Equal(Directory.GetFiles(TestPaths.CleanSamples, "*.cs").Length, result.FileCount);
        Assert.True(result.Violations.Count == 0, string.Join(Environment.NewLine, result.Violations));
    }
}

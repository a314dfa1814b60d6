using System.Reflection;

namespace CamAgent.SubsetCheck.Tests;

public sealed class BannedSampleTests
{
    public static IEnumerable<object[]> BannedFiles => SampleChecker.Files(TestPaths.BannedSamples);

    [Theory]
    [MemberData(nameof(BannedFiles))]
    public void Reports_Exactly_The_Marked_Rules_On_The_Marked_Lines(string fileName)
    {
        string file = Path.Combine(TestPaths.BannedSamples, fileName);
        var expected = SampleChecker.Expected(file).Distinct().Order().ToArray();
        Assert.NotEmpty(expected);

        IReadOnlyList<Violation> violations = SampleChecker.Check(file);

        Assert.All(violations, v => Assert.Equal(file, v.Path));
        var reported = violations.Select(v => (v.Line, v.RuleId)).Distinct().Order().ToArray();
        Assert.True(expected.SequenceEqual(reported),
            $"expected {Describe(expected)}, reported:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Fact]
    public void Every_Rule_Has_A_Banned_Sample()
    {
        var ruleIds = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetValue(null)!)
            .ToArray();
        var covered = Directory.GetFiles(TestPaths.BannedSamples, "*.cs")
            .SelectMany(SampleChecker.Expected)
            .Select(expectation => expectation.RuleId)
            .ToHashSet();

        Assert.Equal(20, ruleIds.Length);
        string[] uncovered = ruleIds.Where(id => !covered.Contains(id)).ToArray();
        Assert.True(uncovered.Length == 0, "rules without a banned sample: " + string.Join(", ", uncovered));
    }

    private static string Describe(IEnumerable<(int Line, string RuleId)> pairs) =>
        string.Join(", ", pairs.Select(p => $"{p.RuleId}@{p.Line}"));
}

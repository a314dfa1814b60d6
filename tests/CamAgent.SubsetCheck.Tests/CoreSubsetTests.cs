namespace CamAgent.SubsetCheck.Tests;

/// <summary>The contract CI enforces: the device libraries (src/CamAgent.Core.*) stay inside the nanoFramework 1.x subset.</summary>
public sealed class CoreSubsetTests
{
    [Fact]
    public void Core_Sources_Have_No_Subset_Violations()
    {
        CheckResult result = SubsetChecker.Check(TestPaths.CoreSourceFolders, SampleChecker.Allowlist, SampleChecker.ReferenceSet);

        Assert.True(result.FileCount > 0, "no C# files found under src/CamAgent.Core.*");
        Assert.True(
            result.Violations.Count == 0,
            $"src/CamAgent.Core.* leave the nanoFramework 1.x subset (see docs/nanoframework-subset.md):{Environment.NewLine}"
            + string.Join(Environment.NewLine, result.Violations) + Environment.NewLine + result.Summary);
    }
}

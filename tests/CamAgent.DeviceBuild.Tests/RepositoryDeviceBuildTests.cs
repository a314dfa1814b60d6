using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Measure;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>
/// Every device assembly of the repository, compiled as nanoFramework's project system compiles
/// it, against the real mscorlib and the generated package references, in Debug and Release.
/// </summary>
[Collection(DeviceBuildCollection.Name)]
public sealed class RepositoryDeviceBuildTests
{
    private readonly DeviceBuildFixture _fixture;
    private readonly ITestOutputHelper _output;

    public RepositoryDeviceBuildTests(DeviceBuildFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public void Every_Device_Project_Compiles_In_Debug_And_Release_With_No_Errors()
    {
        DeviceBuildResult result = _fixture.Repository;
        _output.WriteLine(BudgetReport.Table(result.Budgets(BytecodeBudget.DebugBudgetBytes)));

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        string[] projects = result.Assemblies.Select(a => RepositoryPath.Of(TestPaths.RepositoryRoot, a.Project.FullPath)).Distinct().ToArray();
        Assert.Contains("src/CamAgent.Device/CamAgent.Device.nfproj", projects);
        Assert.Contains("tests/CamAgent.Device.Tests/CamAgent.Device.Tests.nfproj", projects);
        foreach (string project in projects)
        {
            CompiledAssembly[] builds = result.Assemblies.Where(a => RepositoryPath.Of(TestPaths.RepositoryRoot, a.Project.FullPath) == project).ToArray();
            Assert.Equal([BuildConfiguration.Debug, BuildConfiguration.Release], builds.Select(b => b.Configuration).Order());
            Assert.All(builds, b => Assert.True(b.Succeeded && b.Bytecode!.TotalBytes > 0, project));
        }
    }

    [Fact]
    public void Release_Is_Smaller_Than_Debug_For_Every_Device_Assembly()
    {
        IReadOnlyList<AssemblyBudget> budgets = _fixture.Repository.Budgets(BytecodeBudget.DebugBudgetBytes);

        Assert.NotEmpty(budgets);
        Assert.All(budgets, b => Assert.True(b.ReleaseBytes < b.DebugBytes, $"{b.AssemblyName}: Release {b.ReleaseBytes} B, Debug {b.DebugBytes} B"));
    }

    [Fact]
    public void Every_Device_Assembly_Is_Within_The_Debug_Bytecode_Budget()
    {
        IReadOnlyList<AssemblyBudget> budgets = _fixture.Repository.Budgets(BytecodeBudget.DebugBudgetBytes);
        _output.WriteLine(BudgetReport.Table(budgets));

        Assert.NotEmpty(budgets);
        IReadOnlyList<string> failures = BudgetReport.Failures(budgets);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

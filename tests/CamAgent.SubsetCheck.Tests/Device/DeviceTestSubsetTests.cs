namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// The device test projects and the libraries they add (the in-memory ports) run on nanoCLR, so
/// they are held to the same nanoFramework 1.x subset as Core. They are analysed together with
/// Core and the test framework stand-in (both only to bind names: Core has its own check, and the
/// stand-in mirrors nanoFramework.TestFramework's member shapes), and only their own files are reported.
/// Code behind `#if NANOFRAMEWORK_1_0` is not analysed: the check compiles with no symbols.
/// Properties/AssemblyInfo.cs is left out: its assembly attributes (title, version) live in
/// System.Reflection, which rule NFS007 refuses wholesale for code, and nanoFramework's mscorlib has them.
/// </summary>
public sealed class DeviceTestSubsetTests
{
    private const string AssemblyInfoFile = "AssemblyInfo.cs";

    [Fact]
    public void Device_Test_Sources_Have_No_Subset_Violations()
    {
        string[] ownFiles = DeviceTestsOnHostTests.TestProjects()
            .SelectMany(p => p.ReferencePaths.Select(NanoProject.Load).Append(p))
            .Where(p => !p.Name.StartsWith("CamAgent.Core.", StringComparison.Ordinal))
            .SelectMany(p => p.Sources)
            .Where(f => Path.GetFileName(f) != AssemblyInfoFile)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        string[] coreFiles = TestPaths.CoreSourceFolders.SelectMany(CoreSources.Find).ToArray();

        IReadOnlyList<Violation> violations = SubsetChecker.Analyse(
            CoreSources.Compile([.. ownFiles, .. coreFiles, DeviceTestAssemblies.TestFrameworkStandIn], SampleChecker.ReferenceSet),
            SampleChecker.Allowlist);

        Assert.Contains(ownFiles, f => f.Contains("CamAgent.Device.TestPorts", StringComparison.Ordinal));
        Violation[] own = violations.Where(v => ownFiles.Contains(v.Path, StringComparer.Ordinal)).ToArray();
        Assert.True(own.Length == 0, "device test sources leave the nanoFramework 1.x subset (docs/nanoframework-subset.md):\n" + string.Join("\n", own.AsEnumerable()));
    }
}

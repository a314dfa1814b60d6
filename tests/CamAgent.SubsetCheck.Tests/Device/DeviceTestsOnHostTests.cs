using System.Reflection;
using System.Text.RegularExpressions;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// Runs every [TestMethod] of the nanoFramework test projects of CamAgent.Device.sln on .NET, one
/// test case each: the vector tests (tests/CamAgent.Device.Tests) and the end-to-end scenarios of
/// the shipped agent (tests/CamAgent.Device.AgentTests). Each project is compiled from the files
/// its .nfproj names, with its referenced device libraries as separate assemblies
/// (<see cref="DeviceTestAssemblies"/>) and a stand-in for nanoFramework.TestFramework. nanoCLR
/// cannot run here; this keeps the device tests compiling against today's Core and their logic
/// right, so a device run fails only for reasons of the device itself.
/// </summary>
public partial class DeviceTestsOnHostTests
{
    /// <summary>Every device test method.</summary>
    public static TheoryData<DeviceTestCase> TestMethods
    {
        get
        {
            var data = new TheoryData<DeviceTestCase>();
            foreach (NanoProject project in TestProjects())
            {
                foreach (string method in project.TestMethods())
                {
                    data.Add(new DeviceTestCase(project.Name, method));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TestMethods))]
    public void Device_Test_Method_Passes_On_Dotnet(DeviceTestCase test)
    {
        Assembly assembly = DeviceTestAssemblies.Load(TestProjects().Single(p => p.Name == test.Project));
        string testMethod = test.Method;
        string[] parts = testMethod.Split('.');
        Type type = assembly.GetTypes().Single(t => t.Name == parts[0]);
        MethodInfo method = type.GetMethod(parts[1])!;
        try
        {
            method.Invoke(Activator.CreateInstance(type), null);
        }
        catch (TargetInvocationException e)
        {
            Exception failure = e.InnerException!;
            Assert.Fail($"{testMethod} failed on .NET: {failure.GetType().Name}: {failure.Message}\n{failure.StackTrace}");
        }
    }

    [Fact]
    public void The_Device_Test_Projects_Are_Found_With_Their_Test_Methods()
    {
        Dictionary<string, int> methods = TestProjects().ToDictionary(p => p.Name, p => p.TestMethods().Count());

        Assert.True(methods.GetValueOrDefault("CamAgent.Device.Tests") >= 13, "vector tests: " + methods.GetValueOrDefault("CamAgent.Device.Tests"));
        Assert.True(methods.GetValueOrDefault("CamAgent.Device.AgentTests") >= 4, "end-to-end scenarios: " + methods.GetValueOrDefault("CamAgent.Device.AgentTests"));
    }

    /// <summary>The test projects (IsTestProject) of CamAgent.Device.sln.</summary>
    internal static IEnumerable<NanoProject> TestProjects() =>
        SolutionProjectPattern().Matches(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "CamAgent.Device.sln")))
            .Select(m => NanoProject.Load(Path.Combine(TestPaths.RepositoryRoot, m.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(p => p.IsTestProject)
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    [GeneratedRegex(@"^Project\(""\{11A8DD76-328B-46DF-9F39-F559912D0360\}""\) = ""[^""]+"", ""(?<path>[^""]+\.nfproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectPattern();
}

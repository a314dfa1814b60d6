using System.Xml.Linq;
using CamAgent.Tests.Support;

namespace CamAgent.Cli.Tests;

/// <summary>
/// What the agency runs and what a court relies on must not carry the simulator: the server, the
/// verifier and the provisioning tools reach neither CamAgent.Simulation nor anything that does,
/// through any chain of project references.
/// </summary>
public sealed class ProjectLayeringTests
{
    [Theory]
    [InlineData("src/CamAgent.Verification/CamAgent.Verification.csproj")]
    [InlineData("src/CamAgent.Ingest/CamAgent.Ingest.csproj")]
    [InlineData("src/CamAgent.Provisioning/CamAgent.Provisioning.csproj")]
    public void Agency_Projects_Do_Not_Reference_The_Simulator(string project)
    {
        string[] closure = ReferenceClosure(Path.Combine(RepositoryPaths.Root, project)).Select(Path.GetFileNameWithoutExtension).ToArray()!;

        Assert.Contains("CamAgent.Host", closure);
        Assert.DoesNotContain("CamAgent.Simulation", closure);
    }

    [Fact]
    public void The_Cli_Reaches_The_Simulator_So_The_Check_Above_Can_Fail()
    {
        string[] closure = ReferenceClosure(Path.Combine(RepositoryPaths.Root, "tools/CamAgent.Cli/CamAgent.Cli.csproj"))
            .Select(Path.GetFileNameWithoutExtension).ToArray()!;

        Assert.Contains("CamAgent.Simulation", closure);
    }

    private static HashSet<string> ReferenceClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out string? current))
        {
            foreach (XElement reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                string include = ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar);
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include));
                if (seen.Add(path))
                {
                    pending.Push(path);
                }
            }
        }

        return seen;
    }
}

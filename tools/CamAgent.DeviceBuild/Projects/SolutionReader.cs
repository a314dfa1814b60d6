using System.Text.RegularExpressions;

namespace CamAgent.DeviceBuild.Projects;

/// <summary>The .nfproj projects a Visual Studio solution lists (other project kinds are ignored).</summary>
public static partial class SolutionReader
{
    public static IReadOnlyList<string> NanoFrameworkProjects(string solutionPath)
    {
        if (!File.Exists(solutionPath))
        {
            throw new NfProjectException($"solution not found: {solutionPath}");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        return ProjectLine().Matches(File.ReadAllText(solutionPath))
            .Select(m => m.Groups["path"].Value)
            .Where(path => path.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase))
            .Select(path => ItemGlob.Absolute(directory, path))
            .ToArray();
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}

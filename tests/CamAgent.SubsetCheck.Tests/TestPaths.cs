namespace CamAgent.SubsetCheck.Tests;

/// <summary>Where the repository, the samples and the checked-in allowlist are.</summary>
internal static class TestPaths
{
    private const string SolutionFileName = "CamAgent.sln";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The device libraries' folders (src/CamAgent.Core.*), in a stable order.</summary>
    public static IReadOnlyList<string> CoreSourceFolders =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"), "CamAgent.Core.*").Order(StringComparer.Ordinal).ToArray();

    public static string AllowlistFile => Path.Combine(RepositoryRoot, "tools", "CamAgent.SubsetCheck", "nanoframework-1x-api.txt");

    public static string BannedSamples => Path.Combine(AppContext.BaseDirectory, "Samples", "Banned");

    public static string CleanSamples => Path.Combine(AppContext.BaseDirectory, "Samples", "Clean");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{SolutionFileName} not found above {AppContext.BaseDirectory}");
    }
}

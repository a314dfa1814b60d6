namespace CamAgent.DeviceBuild.Tests;

/// <summary>Where the repository is.</summary>
internal static class TestPaths
{
    private const string SolutionFileName = "CamAgent.sln";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

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

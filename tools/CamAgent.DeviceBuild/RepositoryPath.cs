namespace CamAgent.DeviceBuild;

/// <summary>Paths as the reports print them: relative to the repository, with '/' separators.</summary>
public static class RepositoryPath
{
    public static string Of(string repositoryRoot, string path) =>
        Path.IsPathRooted(path)
            ? Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/')
            : path.Replace('\\', '/');
}

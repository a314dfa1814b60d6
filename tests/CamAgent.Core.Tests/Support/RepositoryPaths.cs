namespace CamAgent.Tests.Support;

/// <summary>Locates files of the source tree from a test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "CamAgent.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("CamAgent.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Vectors => Path.Combine(Root, "tests", "vectors");

    public static string Interop => Path.Combine(Root, "tests", "interop");
}

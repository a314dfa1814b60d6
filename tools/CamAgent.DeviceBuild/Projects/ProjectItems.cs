namespace CamAgent.DeviceBuild.Projects;

/// <summary>The Compile, Reference and ProjectReference items of a project, as they accumulate.</summary>
internal sealed class ProjectItems
{
    private readonly List<string> _sources = [];

    public ProjectItems(string projectDirectory)
    {
        ProjectDirectory = projectDirectory;
    }

    /// <summary>Relative item specs resolve against the project's folder, also in imported files.</summary>
    public string ProjectDirectory { get; }

    /// <summary>Absolute paths, each once (the compiler ignores a repeated file), in item order.</summary>
    public IReadOnlyList<string> SourceFiles => _sources;

    public List<AssemblyReference> References { get; } = [];

    public List<string> ProjectReferences { get; } = [];

    public void AddCompile(string include, string exclude)
    {
        string[] excluded = Split(exclude);
        foreach (string spec in Split(include))
        {
            foreach (string file in ItemGlob.Expand(ProjectDirectory, spec))
            {
                bool skip = excluded.Any(e => ItemGlob.Matches(ProjectDirectory, e, file))
                    || _sources.Contains(file, StringComparer.OrdinalIgnoreCase);
                if (!skip)
                {
                    _sources.Add(file);
                }
            }
        }
    }

    public void RemoveCompile(string remove)
    {
        foreach (string spec in Split(remove))
        {
            _sources.RemoveAll(file => ItemGlob.Matches(ProjectDirectory, spec, file));
        }
    }

    private static string[] Split(string specs) =>
        specs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// An error of a device build, printed the way MSBuild prints compiler errors:
/// <c>path(line,col): error CSxxxx: message</c> with the repository-relative path of the real
/// source file, or <c>path: error DBxxx: message</c> for a project-level problem.
/// </summary>
public sealed record CompileError(string Path, int Line, int Column, string Id, string Message)
{
    /// <summary>A project file that names a reference no package or project provides.</summary>
    public const string UnresolvedReference = "DB001";

    /// <summary>A referenced assembly exists, but not in the version the project names.</summary>
    public const string ReferenceVersionMismatch = "DB002";

    /// <summary>A project that cannot be compiled because a project it references failed.</summary>
    public const string ReferencedProjectFailed = "DB003";

    /// <summary>A project file that cannot be read (XML, condition, missing file).</summary>
    public const string UnreadableProject = "DB004";

    /// <summary>The compiler's own code for a missing source file.</summary>
    public const string SourceFileNotFound = "CS2001";

    public static CompileError ForProject(string path, string id, string message) => new(path, 0, 0, id, message);

    public override string ToString() => Line > 0
        ? $"{Path}({Line},{Column}): error {Id}: {Message}"
        : $"{Path}: error {Id}: {Message}";
}

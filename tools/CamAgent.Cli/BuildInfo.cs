using System.Reflection;

namespace CamAgent.Cli;

/// <summary>
/// The version and source commit of this build. The build writes the commit into the assembly's
/// informational version ("VERSION+COMMIT": SourceRevisionId, from git at build time); a build
/// without git has none, and the commit is "unknown".
/// </summary>
public static class BuildInfo
{
    public const string UnknownCommit = "unknown";

    public static string Version => Split().Version;

    public static string Commit => Split().Commit;

    /// <summary>"camagent VERSION (commit COMMIT)".</summary>
    public static string Describe() => $"camagent {Version} (commit {Commit})";

    private static (string Version, string Commit) Split()
    {
        string informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 || plus == informational.Length - 1
            ? (informational, UnknownCommit)
            : (informational[..plus], informational[(plus + 1)..]);
    }
}

namespace CamAgent.Cli;

/// <summary>A parent word (`pki`, `board`, ...): its own help lists its verbs, with examples.</summary>
/// <param name="Name">The word as typed.</param>
/// <param name="Summary">One line for `camagent --help` and the group's help.</param>
/// <param name="Examples">Command lines shown under "Examples" in the group's help.</param>
public sealed record VerbGroup(string Name, string Summary, IReadOnlyList<string> Examples);

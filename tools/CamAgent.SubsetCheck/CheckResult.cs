namespace CamAgent.SubsetCheck;

/// <summary>The outcome of checking one source folder.</summary>
/// <param name="FileCount">Number of C# files analysed.</param>
/// <param name="Violations">Ordered by file, line and column; empty when the folder is inside the subset.</param>
public sealed record CheckResult(int FileCount, IReadOnlyList<Violation> Violations)
{
    /// <summary>The summary line printed after the violations.</summary>
    public string Summary =>
        Violations.Count == 0
            ? $"nanoFramework subset check: {FileCount} files, no violations"
            : $"nanoFramework subset check: {FileCount} files, {Violations.Count} violation(s) in {Violations.Select(v => v.Path).Distinct().Count()} file(s)";
}

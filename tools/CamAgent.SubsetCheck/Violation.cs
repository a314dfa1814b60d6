namespace CamAgent.SubsetCheck;

/// <summary>One place where Core leaves the nanoFramework 1.x subset.</summary>
/// <param name="Path">Source file path as the user gave the folder (not made absolute).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="RuleId">One of <see cref="RuleIds"/>.</param>
/// <param name="Message">What was found and what nanoFramework lacks.</param>
public sealed record Violation(string Path, int Line, int Column, string RuleId, string Message)
{
    /// <summary>The report line: <c>path(line,col): NFS0NN: message</c> (the MSBuild diagnostic shape).</summary>
    public override string ToString() => $"{Path}({Line},{Column}): {RuleId}: {Message}";
}

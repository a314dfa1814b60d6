using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Collects violations. The same finding can be reached twice (a name seen by a syntax rule and
/// by an operation rule); one report per file, line, rule and message is kept.
/// </summary>
public sealed class ViolationSink
{
    private readonly Dictionary<(string, int, string, string), Violation> _byKey = [];

    public void Report(Location location, string ruleId, string message)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        var violation = new Violation(
            span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, ruleId, message);
        _byKey.TryAdd((violation.Path, violation.Line, ruleId, message), violation);
    }

    public void Report(SyntaxNode node, string ruleId, string message) => Report(node.GetLocation(), ruleId, message);

    public void Report(SyntaxToken token, string ruleId, string message) => Report(token.GetLocation(), ruleId, message);

    /// <summary>Violations ordered by file, line, column and rule.</summary>
    public IReadOnlyList<Violation> Sorted() =>
        _byKey.Values
            .OrderBy(v => v.Path, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Column)
            .ThenBy(v => v.RuleId, StringComparer.Ordinal)
            .ThenBy(v => v.Message, StringComparer.Ordinal)
            .ToArray();
}

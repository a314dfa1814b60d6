using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CamAgent.SubsetCheck;

/// <summary>
/// NFS019. Expected failures in CamAgent's device code are values (STYLE.md rule 4), so a status
/// that nobody looks at is a failure nobody handles: a boot counter that was not saved, a
/// recovery that did not finish. A call whose result is a status — an enum whose name ends in
/// "Status" or "Result", or a type whose name ends in "Result" — may not stand as a bare
/// statement. It is handled, or discarded on purpose as <c>_ = Call(); // why</c>, with a comment
/// on the statement saying why the status does not matter there.
/// </summary>
public sealed class DroppedStatusRules
{
    private static readonly string[] StatusSuffixes = ["Status", "Result"];

    private readonly SemanticModel _model;
    private readonly ViolationSink _sink;

    public DroppedStatusRules(SemanticModel model, ViolationSink sink)
    {
        _model = model;
        _sink = sink;
    }

    /// <summary>Checks every expression statement in <paramref name="root"/>'s tree.</summary>
    public void CheckTree(SyntaxNode root)
    {
        foreach (ExpressionStatementSyntax statement in root.DescendantNodes().OfType<ExpressionStatementSyntax>())
        {
            switch (statement.Expression)
            {
                case InvocationExpressionSyntax call:
                    CheckBareCall(call);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard:
                    CheckDiscard(statement, discard);
                    break;
            }
        }
    }

    private void CheckBareCall(InvocationExpressionSyntax call)
    {
        if (StatusTypeOf(call) is { } status)
        {
            _sink.Report(call, RuleIds.DroppedStatus,
                $"the {status.Name} returned by '{MethodName(call)}' is dropped: handle it, or discard it as '_ = ...; // why'");
        }
    }

    private void CheckDiscard(ExpressionStatementSyntax statement, AssignmentExpressionSyntax discard)
    {
        if (discard.Right is InvocationExpressionSyntax call && StatusTypeOf(call) is { } status && !HasComment(statement))
        {
            _sink.Report(call, RuleIds.DroppedStatus,
                $"the {status.Name} returned by '{MethodName(call)}' is discarded without a comment saying why");
        }
    }

    private ITypeSymbol? StatusTypeOf(InvocationExpressionSyntax call)
    {
        ITypeSymbol? type = (_model.GetSymbolInfo(call).Symbol as IMethodSymbol)?.ReturnType;
        if (type == null || type.SpecialType == SpecialType.System_Void)
        {
            return null;
        }

        bool named = StatusSuffixes.Any(suffix => type.Name.EndsWith(suffix, StringComparison.Ordinal));
        bool isStatus = type.TypeKind == TypeKind.Enum ? named : named && type.Name.EndsWith("Result", StringComparison.Ordinal);
        return isStatus ? type : null;
    }

    // A comment on the statement's own line (after it) or on the line just before it.
    private static bool HasComment(ExpressionStatementSyntax statement) =>
        statement.GetTrailingTrivia().Concat(statement.GetLeadingTrivia())
            .Any(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia));

    private static string MethodName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => call.Expression.ToString(),
    };
}

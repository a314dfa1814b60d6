using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Rules decided by the source text alone: keywords and constructs that nanoFramework 1.x cannot
/// run whatever they bind to.
/// </summary>
public sealed class SyntaxRules : CSharpSyntaxWalker
{
    private readonly ViolationSink _sink;

    public SyntaxRules(ViolationSink sink)
        : base(SyntaxWalkerDepth.Token)
    {
        _sink = sink;
    }

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        _sink.Report(node, RuleIds.Generics, "generic declaration: nanoFramework 1.x cannot load generic types or methods");
        base.VisitTypeParameterList(node);
    }

    public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        _sink.Report(node.Keyword, RuleIds.Records, "record: needs generic IEquatable<T>, EqualityComparer<T> and init accessors");
        base.VisitRecordDeclaration(node);
    }

    public override void VisitWithExpression(WithExpressionSyntax node)
    {
        _sink.Report(node.WithKeyword, RuleIds.Records, "'with' expression (records)");
        base.VisitWithExpression(node);
    }

    public override void VisitTupleType(TupleTypeSyntax node)
    {
        _sink.Report(node, RuleIds.Tuples, "tuple type needs System.ValueTuple (generic)");
        base.VisitTupleType(node);
    }

    public override void VisitParenthesizedVariableDesignation(ParenthesizedVariableDesignationSyntax node)
    {
        _sink.Report(node, RuleIds.Tuples, "deconstruction needs Deconstruct methods or System.ValueTuple (generic)");
        base.VisitParenthesizedVariableDesignation(node);
    }

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Linq, "LINQ query syntax needs System.Linq");
        base.VisitQueryExpression(node);
    }

    public override void VisitYieldStatement(YieldStatementSyntax node)
    {
        _sink.Report(node, RuleIds.Iterators, "iterator ('yield'): the compiler-generated state machine implements IEnumerable<T>/IEnumerator<T>");
        base.VisitYieldStatement(node);
    }

    public override void VisitUnsafeStatement(UnsafeStatementSyntax node)
    {
        _sink.Report(node.UnsafeKeyword, RuleIds.Unsafe, "unsafe block");
        base.VisitUnsafeStatement(node);
    }

    public override void VisitFixedStatement(FixedStatementSyntax node)
    {
        _sink.Report(node.FixedKeyword, RuleIds.Unsafe, "fixed statement (pinning)");
        base.VisitFixedStatement(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "stackalloc");
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitImplicitStackAllocArrayCreationExpression(ImplicitStackAllocArrayCreationExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "stackalloc");
        base.VisitImplicitStackAllocArrayCreationExpression(node);
    }

    public override void VisitFunctionPointerType(FunctionPointerTypeSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "function pointer type");
        base.VisitFunctionPointerType(node);
    }

    public override void VisitPointerType(PointerTypeSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "pointer type");
        base.VisitPointerType(node);
    }

    public override void VisitMakeRefExpression(MakeRefExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "__makeref (TypedReference)");
        base.VisitMakeRefExpression(node);
    }

    public override void VisitRefValueExpression(RefValueExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "__refvalue (TypedReference)");
        base.VisitRefValueExpression(node);
    }

    public override void VisitRefTypeExpression(RefTypeExpressionSyntax node)
    {
        _sink.Report(node, RuleIds.Unsafe, "__reftype (TypedReference)");
        base.VisitRefTypeExpression(node);
    }

    public override void VisitToken(SyntaxToken token)
    {
        switch (token.Kind())
        {
            case SyntaxKind.ArgListKeyword:
                _sink.Report(token, RuleIds.Unsafe, "__arglist (varargs)");
                break;
            case SyntaxKind.AsyncKeyword when token.Parent is not IdentifierNameSyntax:
                _sink.Report(token, RuleIds.Async, "async: needs System.Threading.Tasks and generic state machine builders");
                break;
            case SyntaxKind.UnsafeKeyword when token.Parent is not UnsafeStatementSyntax:
                _sink.Report(token, RuleIds.Unsafe, "unsafe modifier");
                break;
        }

        base.VisitToken(token);
    }

    public override void VisitRefType(RefTypeSyntax node)
    {
        _sink.Report(node, RuleIds.ByRefFeatures, "ref local, ref return or ref field: only ref/out parameters are part of the subset");
        base.VisitRefType(node);
    }

    public override void VisitScopedType(ScopedTypeSyntax node)
    {
        _sink.Report(node, RuleIds.ByRefFeatures, "'scoped' (ref safety rules for ref structs)");
        base.VisitScopedType(node);
    }

    public override void VisitParameter(ParameterSyntax node)
    {
        bool isIn = node.Modifiers.Any(SyntaxKind.InKeyword);
        bool isRefReadOnly = node.Modifiers.Any(SyntaxKind.RefKeyword) && node.Modifiers.Any(SyntaxKind.ReadOnlyKeyword);
        if (isIn || isRefReadOnly)
        {
            _sink.Report(node, RuleIds.ByRefFeatures,
                "'in' / 'ref readonly' parameter: needs InAttribute/IsReadOnlyAttribute modifiers nanoFramework lacks; pass by value or 'ref'");
        }

        base.VisitParameter(node);
    }

    public override void VisitStructDeclaration(StructDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            _sink.Report(node.Identifier, RuleIds.ByRefFeatures, "ref struct: needs IsByRefLikeAttribute and runtime ref-safety support");
        }

        base.VisitStructDeclaration(node);
    }

    public override void VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        if (node.CheckedKeyword.IsKind(SyntaxKind.CheckedKeyword))
        {
            _sink.Report(node.CheckedKeyword, RuleIds.UnsupportedMembers, "checked user-defined operator (C# 11): not part of the subset");
        }

        base.VisitOperatorDeclaration(node);
    }

    public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node)
    {
        foreach (MemberDeclarationSyntax member in node.Members)
        {
            CheckInterfaceMember(member);
        }

        base.VisitInterfaceDeclaration(node);
    }

    public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        if (node.Rank > 1)
        {
            _sink.Report(node, RuleIds.RuntimeHelpers, "multi-dimensional array: nanoCLR has single-dimension arrays only (use jagged arrays)");
        }

        base.VisitArrayRankSpecifier(node);
    }

    private void CheckInterfaceMember(MemberDeclarationSyntax member)
    {
        if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
        {
            return; // A nested type is an ordinary type; the walker checks it on its own.
        }

        bool hasBody = member switch
        {
            BaseMethodDeclarationSyntax method => method.Body != null || method.ExpressionBody != null,
            BasePropertyDeclarationSyntax property => property.AccessorList?.Accessors.Any(a => a.Body != null || a.ExpressionBody != null) == true
                || (property as PropertyDeclarationSyntax)?.ExpressionBody != null
                || (property as IndexerDeclarationSyntax)?.ExpressionBody != null,
            _ => false,
        };
        bool hasModifier = member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.AbstractKeyword)
            || m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.SealedKeyword));
        if (hasBody || hasModifier || member is BaseFieldDeclarationSyntax and not EventFieldDeclarationSyntax)
        {
            _sink.Report(member, RuleIds.InterfaceFeatures,
                "interface member with a body, a modifier or a constant: interfaces in Core are plain contracts (static abstract members need a runtime feature nanoFramework does not declare)");
        }
    }
}

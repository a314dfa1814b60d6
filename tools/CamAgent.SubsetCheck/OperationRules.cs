using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Walks the bound operation trees of Core's executable code (bodies, initialisers, default
/// values). Operations show what Roslyn actually bound, including what the source text hides:
/// the overload .NET picked, implicit conversions, the enumerator behind a foreach.
/// </summary>
public sealed class OperationRules
{
    private readonly SemanticModel _model;
    private readonly SymbolRules _symbols;
    private readonly ViolationSink _sink;

    public OperationRules(SemanticModel model, SymbolRules symbols, ViolationSink sink)
    {
        _model = model;
        _symbols = symbols;
        _sink = sink;
    }

    /// <summary>Checks every operation tree rooted in <paramref name="root"/>'s syntax tree.</summary>
    public void CheckTree(SyntaxNode root)
    {
        foreach (SyntaxNode node in root.DescendantNodes().Where(IsOperationRoot))
        {
            IOperation? operation = _model.GetOperation(node);
            if (operation != null)
            {
                Walk(operation);
            }
        }
    }

    private static bool IsOperationRoot(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => true,
        TypeDeclarationSyntax { ParameterList: not null } => true, // primary constructor and its base(...) call
        ArrowExpressionClauseSyntax arrow => arrow.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax,
        EqualsValueClauseSyntax equals => equals.Parent is VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax }
            or PropertyDeclarationSyntax or EnumMemberDeclarationSyntax or ParameterSyntax,
        _ => false,
    };

    private void Walk(IOperation operation)
    {
        if (operation is INameOfOperation)
        {
            return; // nameof is a compile-time constant; its operand is never referenced at run time.
        }

        Location location = operation.Syntax.GetLocation();
        if (operation.Type?.SpecialType != SpecialType.System_Void)
        {
            _symbols.CheckType(operation.Type, location);
        }

        CheckReferences(operation, location);
        CheckLowering(operation, location);
        foreach (IOperation child in operation.ChildOperations)
        {
            Walk(child);
        }
    }

    private void CheckReferences(IOperation operation, Location location)
    {
        if (!CheckMemberReference(operation, location))
        {
            CheckTypeReference(operation, location);
        }
    }

    // Members the operation calls or reads; true if it was one of those operations.
    private bool CheckMemberReference(IOperation operation, Location location)
    {
        ISymbol? member = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation { Constructor: { IsImplicitlyDeclared: true, ContainingType.IsValueType: true } } => null, // initobj: nothing to call
            IObjectCreationOperation creation => creation.Constructor,
            IMemberReferenceOperation reference => reference.Member,
            IBinaryOperation binary => binary.OperatorMethod,
            IUnaryOperation unary => unary.OperatorMethod,
            IIncrementOrDecrementOperation step => step.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            IConversionOperation conversion => conversion.OperatorMethod,
            _ => null,
        };
        if (member == null)
        {
            return false;
        }

        ITypeSymbol? receiverType = operation switch
        {
            IInvocationOperation invocation => invocation.Instance?.Type,
            IMemberReferenceOperation reference => reference.Instance?.Type,
            _ => null,
        };
        _symbols.CheckMember(member, location, receiverType);
        if (operation is IInvocationOperation formatCall)
        {
            FormatRules.CheckCompositeFormat(formatCall, _sink);
        }

        return true;
    }

    // Types the operation names without calling anything on them.
    private void CheckTypeReference(IOperation operation, Location location)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation declarator:
                _symbols.CheckType(declarator.Symbol.Type, location);
                break;
            case ITypeOfOperation typeOf:
                _symbols.CheckType(typeOf.TypeOperand, location);
                _symbols.Require(ImplicitMembers.GetTypeFromHandle, location, "typeof");
                break;
            case IIsTypeOperation isType:
                _symbols.CheckType(isType.TypeOperand, location);
                break;
            case IPatternOperation pattern and (IDeclarationPatternOperation or ITypePatternOperation):
                _symbols.CheckType(pattern.NarrowedType, location);
                break;
            case ICatchClauseOperation catchClause:
                _symbols.CheckType(catchClause.ExceptionType, location);
                break;
            case ILocalFunctionOperation localFunction:
                DeclarationRules.CheckSignature(localFunction.Symbol, location, _symbols);
                break;
            case IAnonymousFunctionOperation lambda:
                DeclarationRules.CheckSignature(lambda.Symbol, location, _symbols);
                break;
        }
    }

    private void CheckLowering(IOperation operation, Location location)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorMethod: null } binary when IsString(binary.LeftOperand) || IsString(binary.RightOperand):
                CheckStringOperator(binary, location);
                break;
            case IInterpolatedStringOperation interpolated:
                FormatRules.CheckInterpolation(interpolated, _sink);
                _symbols.Require(ImplicitMembers.StringFormat, location, "string interpolation");
                break;
            case IForEachLoopOperation forEach when forEach.Syntax is ForEachStatementSyntax statement:
                CheckForEach(statement, location);
                break;
            case IUsingOperation or IUsingDeclarationOperation:
                _symbols.Require(ImplicitMembers.Dispose, location, "using");
                break;
            case ILockOperation:
                _symbols.Require(ImplicitMembers.MonitorEnter, location, "lock");
                _symbols.Require(ImplicitMembers.MonitorExit, location, "lock");
                break;
            case IConversionOperation conversion:
                WideningRules.Check(conversion, _sink);
                break;
            case IArrayInitializerOperation:
                _symbols.Require(ImplicitMembers.InitializeArray, location, "an array initialiser");
                break;
            default:
                FeatureRules.Check(operation, location, _sink);
                break;
        }
    }

    private void CheckStringOperator(IBinaryOperation binary, Location location)
    {
        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.Add:
                _symbols.Require(ImplicitMembers.StringConcat, location, "string concatenation");
                break;
            case BinaryOperatorKind.Equals when IsString(binary.LeftOperand) && IsString(binary.RightOperand):
                _symbols.Require(ImplicitMembers.StringEquality, location, "string ==");
                break;
            case BinaryOperatorKind.NotEquals when IsString(binary.LeftOperand) && IsString(binary.RightOperand):
                _symbols.Require(ImplicitMembers.StringInequality, location, "string !=");
                break;
        }
    }

    private void CheckForEach(ForEachStatementSyntax statement, Location location)
    {
        ForEachStatementInfo info = _model.GetForEachStatementInfo(statement);
        ITypeSymbol? collection = _model.GetTypeInfo(statement.Expression).ConvertedType;
        if (collection is IArrayTypeSymbol)
        {
            return; // foreach over an array lowers to an indexed loop: ldlen/ldelem only.
        }

        if (collection?.SpecialType == SpecialType.System_String)
        {
            _symbols.Require(ImplicitMembers.StringChars, location, "foreach over a string");
            _symbols.Require(ImplicitMembers.StringLength, location, "foreach over a string");
            return;
        }

        foreach (ISymbol? member in new ISymbol?[] { info.GetEnumeratorMethod, info.MoveNextMethod, info.CurrentProperty, info.DisposeMethod })
        {
            if (member != null)
            {
                _symbols.CheckMember(member, location);
            }
        }
    }

    private static bool IsString(IOperation operand) => operand.Type?.SpecialType == SpecialType.System_String;
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Language features, seen in bound code, that lower to runtime support nanoFramework 1.x lacks.
/// (Features visible in the syntax alone are in <see cref="SyntaxRules"/>.)
/// </summary>
public static class FeatureRules
{
    public static void Check(IOperation operation, Location location, ViolationSink sink)
    {
        switch (operation)
        {
            case ITupleOperation or IDeconstructionAssignmentOperation:
                sink.Report(location, RuleIds.Tuples, "tuples and deconstruction need System.ValueTuple (generic)");
                break;
            case IRecursivePatternOperation { DeconstructSymbol: not null } or IRecursivePatternOperation { DeconstructionSubpatterns.Length: > 0 }:
                sink.Report(location, RuleIds.Tuples, "positional pattern needs Deconstruct or ITuple");
                break;
            case IAnonymousObjectCreationOperation:
                sink.Report(location, RuleIds.Generics, "anonymous type (compiles to a generic class)");
                break;
            case IRangeOperation:
                sink.Report(location, RuleIds.RuntimeHelpers, "range expression needs System.Range and RuntimeHelpers.GetSubArray<T>");
                break;
            case IListPatternOperation or ISlicePatternOperation:
                sink.Report(location, RuleIds.RuntimeHelpers, "list and slice patterns need System.Index/System.Range");
                break;
            case ICollectionExpressionOperation { IsImplicit: false }:
                sink.Report(location, RuleIds.RuntimeHelpers,
                    "collection expression: its lowering uses Array.Empty<T>, spans or collection builders; write 'new T[] { ... }'");
                break;
            case IAwaitOperation:
                sink.Report(location, RuleIds.Async, "await is not available on nanoFramework 1.x");
                break;
            case ICatchClauseOperation { Filter: not null } catchClause:
                sink.Report(catchClause.Filter.Syntax.Parent ?? catchClause.Filter.Syntax, RuleIds.ExceptionFilters,
                    "exception filter ('when'): unverified on nanoCLR; test inside the catch block and rethrow with 'throw;'");
                break;
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                sink.Report(location, RuleIds.Dynamic, "dynamic binding needs the DLR, which nanoFramework does not have");
                break;
        }
    }
}

using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Checks what a type or member reference needs from the platform: no generics, no banned
/// namespaces, and for anything outside Core an entry on the nanoFramework allowlist.
/// </summary>
public sealed class SymbolRules
{
    private readonly IAssemblySymbol _core;
    private readonly Allowlist _allowlist;
    private readonly ApiMatcher _matcher;
    private readonly ViolationSink _sink;

    public SymbolRules(IAssemblySymbol core, Allowlist allowlist, ViolationSink sink)
    {
        _core = core;
        _allowlist = allowlist;
        _matcher = new ApiMatcher(allowlist);
        _sink = sink;
    }

    /// <summary>Checks a type used at <paramref name="location"/> (declared, created, cast to, matched...).</summary>
    public void CheckType(ITypeSymbol? type, Location location)
    {
        switch (type)
        {
            case null:
            case IErrorTypeSymbol:
                return;
            case IDynamicTypeSymbol:
                _sink.Report(location, RuleIds.Dynamic, "'dynamic' needs the DLR, which nanoFramework does not have");
                return;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                _sink.Report(location, RuleIds.Unsafe, $"pointer type '{type.ToDisplayString()}' is unsafe code");
                return;
            case IArrayTypeSymbol array:
                if (array.Rank > 1)
                {
                    _sink.Report(location, RuleIds.RuntimeHelpers,
                        $"multi-dimensional array '{type.ToDisplayString()}': nanoCLR has single-dimension arrays only (use jagged arrays)");
                }

                CheckType(array.ElementType, location);
                return;
        }

        if (type.SpecialType == SpecialType.System_Void || !IsExternal(type) && !IsGeneric(type))
        {
            return;
        }

        if (IsGeneric(type))
        {
            _sink.Report(location, RuleIds.Generics, GenericMessage(type));
            return;
        }

        if (!CheckNamespace(type, location))
        {
            return;
        }

        string id = DocumentationId(type);
        if (!_allowlist.Contains(id))
        {
            _sink.Report(location, RuleIds.NotOnAllowlist, $"type {id} is not in nanoFramework 1.x (not on the allowlist)");
        }
    }

    /// <summary>Checks a method, property, field or event referenced at <paramref name="location"/>.</summary>
    /// <param name="member">The member as .NET bound it.</param>
    /// <param name="location">Where it is referenced.</param>
    /// <param name="receiverType">Static type of the instance it is reached through, if any: nanoFramework may declare the member on that type rather than on the .NET base type that declares it.</param>
    public void CheckMember(ISymbol member, Location location, ITypeSymbol? receiverType = null)
    {
        if (member is IMethodSymbol { MethodKind: MethodKind.BuiltinOperator } || member.ContainingType == null)
        {
            return;
        }

        // The namespace rules come first: "LINQ" says more than "generic method Enumerable.Where<T>".
        bool external = IsExternal(member);
        if (external && (!CheckNamespace(member.ContainingType, location) || !CheckReflection(member, location)))
        {
            return;
        }

        if (member is IMethodSymbol { IsGenericMethod: true } method)
        {
            _sink.Report(location, RuleIds.Generics, $"generic method '{method.OriginalDefinition.ToDisplayString()}'{(external ? _matcher.OverloadHint(method) : string.Empty)}");
            return;
        }

        if (IsGeneric(member.ContainingType))
        {
            _sink.Report(location, RuleIds.Generics, GenericMessage(member.ContainingType));
            return;
        }

        if (!external)
        {
            return;
        }

        if (!_matcher.IsAllowed(member, receiverType))
        {
            _sink.Report(location, RuleIds.NotOnAllowlist,
                $"{DocumentationId(member)} is not in nanoFramework 1.x (not on the allowlist){_matcher.OverloadHint(member)}");
        }
    }

    /// <summary>
    /// Reports a member the compiler will call on Core's behalf (lowering of a language feature)
    /// when nanoFramework lacks it.
    /// </summary>
    public void Require(string documentationId, Location location, string feature)
    {
        if (!_allowlist.Contains(documentationId))
        {
            _sink.Report(location, RuleIds.NotOnAllowlist,
                $"{feature} needs {documentationId}, which is not in nanoFramework 1.x (not on the allowlist)");
        }
    }

    /// <summary>Reports an override in Core whose external base member nanoFramework lacks.</summary>
    public void CheckOverride(ISymbol member, Location location)
    {
        ISymbol? baseMember = ApiMatcher.Overridden(member);
        while (baseMember != null && !IsExternal(baseMember))
        {
            baseMember = ApiMatcher.Overridden(baseMember);
        }

        if (baseMember != null && !IsGeneric(baseMember.ContainingType) && !_matcher.IsAllowed(baseMember, null))
        {
            _sink.Report(location, RuleIds.NotOnAllowlist,
                $"overrides {DocumentationId(baseMember)}, which is not in nanoFramework 1.x (not on the allowlist)");
        }
    }

    /// <summary>True for symbols declared outside the sources being checked.</summary>
    public bool IsExternal(ISymbol symbol) =>
        symbol.ContainingAssembly != null && !SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _core);

    /// <summary>True for constructed or open generic types, tuples and anonymous types (which compile to generic classes).</summary>
    public static bool IsGeneric(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsGeneric(array.ElementType),
        INamedTypeSymbol named => named.IsGenericType || named.IsTupleType || named.IsAnonymousType
            || (named.ContainingType != null && IsGeneric(named.ContainingType)),
        _ => false,
    };

    /// <summary>The documentation-comment ID of the symbol's definition (what the allowlist holds).</summary>
    public static string DocumentationId(ISymbol symbol) =>
        symbol.OriginalDefinition.GetDocumentationCommentId() ?? symbol.ToDisplayString();

    private bool CheckNamespace(ITypeSymbol type, Location location)
    {
        string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System.Linq" || ns.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            _sink.Report(location, RuleIds.Linq, $"LINQ ('{type.ToDisplayString()}') is not available on nanoFramework");
            return false;
        }

        if (ns == "System.Threading.Tasks" || ns.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal))
        {
            _sink.Report(location, RuleIds.Async, $"'{type.ToDisplayString()}' (tasks) is not available on nanoFramework 1.x");
            return false;
        }

        if (ns == "System.Reflection" || ns.StartsWith("System.Reflection.", StringComparison.Ordinal)
            || type.ToDisplayString() == "System.Activator")
        {
            _sink.Report(location, RuleIds.Reflection, $"reflection ('{type.ToDisplayString()}') is not part of the subset");
            return false;
        }

        return true;
    }

    private bool CheckReflection(ISymbol member, Location location)
    {
        string containing = member.ContainingType.ToDisplayString();
        bool reflective = containing == "System.Type"
            || (containing == "object" && member.Name == nameof(GetType));
        if (reflective)
        {
            _sink.Report(location, RuleIds.Reflection, $"reflection ('{member.ToDisplayString()}') is not part of the subset");
        }

        return !reflective;
    }

    private static string GenericMessage(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { IsTupleType: true } => $"tuple type '{type.ToDisplayString()}' (ValueTuple is generic)",
        INamedTypeSymbol { IsAnonymousType: true } => "anonymous type (compiles to a generic class)",
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } =>
            $"nullable value type '{type.ToDisplayString()}' is Nullable<T>, a generic type",
        ITypeParameterSymbol => $"type parameter '{type.Name}' (generics)",
        _ => $"generic type '{type.ToDisplayString()}'",
    };
}

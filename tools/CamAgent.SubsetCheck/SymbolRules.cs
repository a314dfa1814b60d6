using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Checks what a type or member reference needs from the platform: no generics, no banned
/// namespaces, and for anything outside Core an entry on the nanoFramework allowlist.
/// </summary>
public sealed class SymbolRules
{
    // Enough to show the choice without burying the report line.
    private const int MaxOverloadsInHint = 4;

    private readonly IAssemblySymbol _core;
    private readonly Allowlist _allowlist;
    private readonly ViolationSink _sink;

    public SymbolRules(IAssemblySymbol core, Allowlist allowlist, ViolationSink sink)
    {
        _core = core;
        _allowlist = allowlist;
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
            _sink.Report(location, RuleIds.Generics, $"generic method '{method.OriginalDefinition.ToDisplayString()}'{NonGenericHint(method)}");
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

        if (!IsAllowed(member, receiverType))
        {
            _sink.Report(location, RuleIds.NotOnAllowlist,
                $"{DocumentationId(member)} is not in nanoFramework 1.x (not on the allowlist){OverloadHint(member)}");
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
        ISymbol? baseMember = Overridden(member);
        while (baseMember != null && !IsExternal(baseMember))
        {
            baseMember = Overridden(baseMember);
        }

        if (baseMember != null && !IsGeneric(baseMember.ContainingType) && !IsAllowed(baseMember, null))
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

    /// <summary>
    /// True when nanoFramework has a member the same source text binds to. Besides the exact ID,
    /// accepted equivalents are: a member up the override chain (an override .NET declares but
    /// nanoFramework does not still binds, on nanoFramework, to the virtual member it overrides);
    /// the same member declared on the receiver's type or a type between it and the .NET
    /// declaring type (nanoFramework's AutoResetEvent declares Set itself, .NET inherits it from
    /// EventWaitHandle); a field where .NET has a property of that name or the reverse
    /// (DictionaryEntry.Value); and the params overload of a fixed-arity .NET overload
    /// (<see cref="NanoFrameworkParams"/>).
    /// </summary>
    private bool IsAllowed(ISymbol member, ITypeSymbol? receiverType)
    {
        for (ISymbol? current = member; current != null; current = Overridden(current))
        {
            foreach (string id in Equivalents(current, receiverType))
            {
                if (_allowlist.Contains(id) || NanoFrameworkParams.IsExpandedFormOfParamsMethod(id, _allowlist))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> Equivalents(ISymbol member, ITypeSymbol? receiverType)
    {
        string id = DocumentationId(member);
        string declaringTypeId = DocumentationId(member.ContainingType)[2..];
        string suffix = id[(2 + declaringTypeId.Length)..];
        var prefixes = new List<string> { id[..2] };
        bool simpleDataMember = member is IFieldSymbol || member is IPropertySymbol { IsIndexer: false };
        if (simpleDataMember)
        {
            prefixes.Add(member is IFieldSymbol ? "P:" : "F:");
        }

        foreach (string typeId in ReceiverChain(receiverType, member.ContainingType).Append(declaringTypeId))
        {
            foreach (string prefix in prefixes)
            {
                yield return prefix + typeId + suffix;
            }
        }
    }

    // The receiver's type and its base types, stopping before the type that declares the member.
    private static IEnumerable<string> ReceiverChain(ITypeSymbol? receiverType, INamedTypeSymbol declaringType)
    {
        for (ITypeSymbol? type = receiverType; type != null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, declaringType.OriginalDefinition))
            {
                yield break;
            }

            yield return DocumentationId(type)[2..];
        }
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        IEventSymbol @event => @event.OverriddenEvent,
        _ => null,
    };

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

    // .NET often binds to an overload nanoFramework lacks (a generic Array.IndexOf<T>, a span or
    // optional-parameter form) where nanoFramework has another one: name those so the fix is obvious.
    private string NonGenericHint(IMethodSymbol method) =>
        IsExternal(method) ? OverloadHint(method) : string.Empty;

    private string OverloadHint(ISymbol member)
    {
        if (member is not IMethodSymbol method)
        {
            return string.Empty;
        }

        string name = method.MethodKind == MethodKind.Constructor ? "#ctor" : method.Name;
        string prefix = "M:" + DocumentationId(method.ContainingType)[2..] + "." + name;
        IReadOnlyList<string> overloads = _allowlist.StartingWith(prefix + "(")
            .Concat(_allowlist.Contains(prefix) ? [prefix] : [])
            .Take(MaxOverloadsInHint)
            .ToArray();
        return overloads.Count == 0
            ? string.Empty
            : $"; nanoFramework has {string.Join(", ", overloads)}: make .NET bind to one of them (e.g. pass exactly those argument types)";
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

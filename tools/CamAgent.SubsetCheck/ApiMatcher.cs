using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Decides whether nanoFramework has the member a piece of Core binds to on .NET, by its
/// documentation-comment ID on the allowlist or by an equivalent the same source binds to on
/// nanoFramework.
/// </summary>
public sealed class ApiMatcher
{
    // Enough to show the choice without burying the report line.
    private const int MaxOverloadsInHint = 4;

    private readonly Allowlist _allowlist;

    public ApiMatcher(Allowlist allowlist)
    {
        _allowlist = allowlist;
    }

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
    public bool IsAllowed(ISymbol member, ITypeSymbol? receiverType)
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
        string id = SymbolRules.DocumentationId(member);
        string declaringTypeId = SymbolRules.DocumentationId(member.ContainingType)[2..];
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

            yield return SymbolRules.DocumentationId(type)[2..];
        }
    }

    /// <summary>The member <paramref name="member"/> overrides, or null.</summary>
    public static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        IEventSymbol @event => @event.OverriddenEvent,
        _ => null,
    };

    /// <summary>
    /// For a method nanoFramework lacks, the overloads of the same name it does have, as a
    /// message suffix (empty if none): .NET often binds to an overload nanoFramework lacks (a
    /// generic Array.IndexOf&lt;T&gt;, a span or optional-parameter form) where nanoFramework has
    /// another one, and naming it makes the fix obvious.
    /// </summary>
    public string OverloadHint(ISymbol member)
    {
        if (member is not IMethodSymbol method)
        {
            return string.Empty;
        }

        string name = method.MethodKind == MethodKind.Constructor ? "#ctor" : method.Name;
        string prefix = "M:" + SymbolRules.DocumentationId(method.ContainingType)[2..] + "." + name;
        IReadOnlyList<string> overloads = _allowlist.StartingWith(prefix + "(")
            .Concat(_allowlist.Contains(prefix) ? [prefix] : [])
            .Take(MaxOverloadsInHint)
            .ToArray();
        return overloads.Count == 0
            ? string.Empty
            : $"; nanoFramework has {string.Join(", ", overloads)}: make .NET bind to one of them (e.g. pass exactly those argument types)";
    }
}

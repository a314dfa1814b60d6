using Microsoft.CodeAnalysis;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// Finds, for every listed class whose base has no accessible parameterless constructor, the
/// constructor initialiser its generated constructors need: <c>: base(default(T1), ...)</c> for
/// the accessible base constructor with the fewest parameters. Works on a first compilation of
/// the shapes (whose constructors lack the initialisers, so it has errors, but binds the bases).
/// </summary>
internal static class BaseCallResolver
{
    public static Dictionary<string, string> Resolve(Compilation firstPass, ShapeAssembly assembly)
    {
        var calls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ShapeEntry entry in assembly.Entries.Where(e => e.Kind == 'T'))
        {
            var type = DocumentationCommentId.GetFirstSymbolForDeclarationId(entry.DocumentationId, firstPass) as INamedTypeSymbol;
            if (type is { TypeKind: TypeKind.Class, IsStatic: false, BaseType: not null })
            {
                string call = CallFor(type, type.BaseType);
                if (call.Length > 0)
                {
                    calls.Add(entry.DocumentationId, call);
                }
            }
        }

        return calls;
    }

    private static string CallFor(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        IMethodSymbol? chosen = baseType.InstanceConstructors
            .Where(c => IsAccessible(c, type) && c.Parameters.All(p => p.RefKind == RefKind.None))
            .OrderBy(c => c.Parameters.Length)
            .FirstOrDefault();
        if (chosen == null || chosen.Parameters.Length == 0)
        {
            return string.Empty;
        }

        IEnumerable<string> arguments = chosen.Parameters
            .Select(p => "default(" + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")");
        return " : base(" + string.Join(", ", arguments) + ")";
    }

    private static bool IsAccessible(IMethodSymbol constructor, INamedTypeSymbol from) => constructor.DeclaredAccessibility switch
    {
        Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal => true,
        Accessibility.Internal or Accessibility.ProtectedAndInternal =>
            SymbolEqualityComparer.Default.Equals(constructor.ContainingAssembly, from.ContainingAssembly),
        _ => false,
    };
}

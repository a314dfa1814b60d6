using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CamAgent.SubsetCheck;

/// <summary>
/// NFS018. nanoCLR runs every static constructor (and so every static field initialiser) at
/// start-up, type after type in metadata order, not on first use as .NET does. A static
/// initialiser that reads another type's static state therefore reads null or zero whenever that
/// type comes later in the metadata, and nothing on .NET shows it. The rule makes the pattern
/// impossible rather than order-dependent: in a static field or property initialiser and in a
/// static constructor, only constants, literals, object and array creation, and the type's own
/// static members may appear; reading another CamAgent type's static field or property, or
/// calling another CamAgent type's static method, is refused (framework types are exempt: see
/// <see cref="IsProjectType"/>). Another type's state is reached through a property
/// or method that runs after start-up instead (for example <c>static string[] Table =&gt; X.Y;</c>).
/// </summary>
public sealed class StaticInitialiserRules
{
    private const string ProjectAssemblyPrefix = "CamAgent.";

    private readonly SemanticModel _model;
    private readonly ViolationSink _sink;

    public StaticInitialiserRules(SemanticModel model, ViolationSink sink)
    {
        _model = model;
        _sink = sink;
    }

    /// <summary>Checks every static initialiser and static constructor in <paramref name="root"/>'s tree.</summary>
    public void CheckTree(SyntaxNode root)
    {
        foreach (SyntaxNode node in root.DescendantNodes().Where(IsStaticInitialiser))
        {
            INamedTypeSymbol? owner = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().Select(t => (INamedTypeSymbol?)_model.GetDeclaredSymbol(t)).FirstOrDefault();
            IOperation? operation = _model.GetOperation(node);
            if (owner != null && operation != null)
            {
                Walk(operation, owner);
            }
        }
    }

    private static bool IsStaticInitialiser(SyntaxNode node) => node switch
    {
        ConstructorDeclarationSyntax constructor => constructor.Modifiers.Any(m => m.ValueText == "static"),
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } } =>
            field.Modifiers.Any(m => m.ValueText == "static") && !field.Modifiers.Any(m => m.ValueText == "const"),
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Modifiers.Any(m => m.ValueText == "static"),
        _ => false,
    };

    private void Walk(IOperation operation, INamedTypeSymbol owner)
    {
        ISymbol? read = operation switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => field,
            IPropertyReferenceOperation { Property.IsStatic: true } property => property.Property,
            IEventReferenceOperation { Event.IsStatic: true } reference => reference.Event,
            IInvocationOperation { TargetMethod.IsStatic: true } call => call.TargetMethod,
            _ => null,
        };
        if (read != null && IsProjectType(read.ContainingType) && !IsOwnOrNested(read.ContainingType, owner))
        {
            _sink.Report(
                operation.Syntax,
                RuleIds.StaticInitialiserOrder,
                $"static initialiser of '{owner.Name}' reads '{read.ContainingType.Name}.{read.Name}': nanoCLR runs static constructors eagerly in metadata order, so another type's static state may not be set yet (read it from a property or method instead)");
        }

        foreach (IOperation child in operation.ChildOperations)
        {
            Walk(child, owner);
        }
    }

    // CamAgent's own types: the compilation's assembly and the other CamAgent device assemblies.
    // Framework assemblies (mscorlib and the nanoFramework class libraries) are loaded before the
    // assemblies that reference them and hold no state that depends on CamAgent's, so reading
    // TimeSpan.Zero or calling TimeSpan.FromSeconds at start-up is safe.
    private bool IsProjectType(INamedTypeSymbol? type) =>
        type != null
        && (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _model.Compilation.Assembly)
            || type.ContainingAssembly.Name.StartsWith(ProjectAssemblyPrefix, StringComparison.Ordinal));

    private static bool IsOwnOrNested(INamedTypeSymbol? type, INamedTypeSymbol owner)
    {
        for (INamedTypeSymbol? current = owner; current != null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, current))
            {
                return true;
            }
        }

        return false;
    }
}

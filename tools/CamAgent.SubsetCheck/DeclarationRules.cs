using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Checks what Core declares: the types in its signatures, its base types and interfaces, its
/// attributes, its overrides, and the members the compiler needs for its declarations
/// (base constructors, event accessors, init/volatile/required modifiers).
/// </summary>
public sealed class DeclarationRules
{
    private readonly SemanticModel _model;
    private readonly SymbolRules _symbols;
    private readonly ViolationSink _sink;

    public DeclarationRules(SemanticModel model, SymbolRules symbols, ViolationSink sink)
    {
        _model = model;
        _symbols = symbols;
        _sink = sink;
    }

    /// <summary>Checks every type declared in the tree under <paramref name="root"/>.</summary>
    public void CheckTree(SyntaxNode root)
    {
        foreach (SyntaxNode node in root.DescendantNodes().Where(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
        {
            if (_model.GetDeclaredSymbol(node) is INamedTypeSymbol type)
            {
                CheckType(type, node);
            }
        }
    }

    /// <summary>Checks assembly- and module-level attributes ([assembly: ...]).</summary>
    public void CheckAssemblyAttributes(IAssemblySymbol assembly)
    {
        CheckAttributes(assembly.GetAttributes());
        CheckAttributes(assembly.Modules.SelectMany(module => module.GetAttributes()));
    }

    /// <summary>Checks the parameter and return types of a method, local function or lambda.</summary>
    public static void CheckSignature(IMethodSymbol method, Location location, SymbolRules symbols)
    {
        if (method.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor))
        {
            symbols.CheckType(method.ReturnType, location);
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            symbols.CheckType(parameter.Type, parameter.Locations.FirstOrDefault() ?? location);
            if (parameter.IsParams)
            {
                symbols.Require(ImplicitMembers.ParamArray, location, "a params parameter");
            }
        }

        if (method.IsExtensionMethod)
        {
            symbols.Require(ImplicitMembers.Extension, location, "an extension method");
        }
    }

    private void CheckType(INamedTypeSymbol type, SyntaxNode declaration)
    {
        Location location = declaration is BaseTypeDeclarationSyntax typeDeclaration
            ? typeDeclaration.Identifier.GetLocation()
            : ((DelegateDeclarationSyntax)declaration).Identifier.GetLocation();
        if (type.BaseType != null && type.TypeKind is TypeKind.Class)
        {
            _symbols.CheckType(type.BaseType, location);
        }

        foreach (INamedTypeSymbol implemented in type.Interfaces)
        {
            _symbols.CheckType(implemented, location);
        }

        CheckAttributes(type.GetAttributes());
        if (type.TypeKind == TypeKind.Delegate && type.DelegateInvokeMethod != null)
        {
            CheckSignature(type.DelegateInvokeMethod, location, _symbols);
            return;
        }

        // Partial types are declared in several places; check the members once, with the first.
        if (type.DeclaringSyntaxReferences.First().GetSyntax() != declaration)
        {
            return;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            CheckMember(member, location);
        }
    }

    private void CheckMember(ISymbol member, Location typeLocation)
    {
        if (member is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd
            or MethodKind.EventRemove or MethodKind.EventRaise })
        {
            return; // Checked with their property or event.
        }

        Location location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? typeLocation;
        CheckAttributes(member.GetAttributes());
        if (member.IsOverride)
        {
            _symbols.CheckOverride(member, location);
        }

        switch (member)
        {
            case IFieldSymbol field:
                CheckField(field, location);
                break;
            case IPropertySymbol property:
                CheckProperty(property, location);
                break;
            case IEventSymbol @event:
                CheckEvent(@event, location);
                break;
            case IMethodSymbol method:
                CheckMethod(method, location);
                break;
        }
    }

    private void CheckField(IFieldSymbol field, Location location)
    {
        if (field.IsImplicitlyDeclared)
        {
            return; // Backing fields: their property or event is checked instead.
        }

        _symbols.CheckType(field.Type, location);
        if (field.IsVolatile)
        {
            _symbols.Require(ImplicitMembers.IsVolatile, location, "a volatile field");
        }

        if (field.IsRequired)
        {
            _symbols.Require(ImplicitMembers.RequiredMember, location, "a required member");
        }

        if (field.IsFixedSizeBuffer)
        {
            _sink.Report(location, RuleIds.Unsafe, "fixed-size buffer");
        }
    }

    private void CheckProperty(IPropertySymbol property, Location location)
    {
        _symbols.CheckType(property.Type, location);
        foreach (IParameterSymbol parameter in property.Parameters)
        {
            _symbols.CheckType(parameter.Type, location);
        }

        if (property.SetMethod?.IsInitOnly == true)
        {
            _symbols.Require(ImplicitMembers.IsExternalInit, location, "an init accessor");
        }

        if (property.IsRequired)
        {
            _symbols.Require(ImplicitMembers.RequiredMember, location, "a required member");
        }

        CheckAttributes(property.GetMethod?.GetAttributes() ?? []);
        CheckAttributes(property.SetMethod?.GetAttributes() ?? []);
        if (property.IsOverride && property.OverriddenProperty != null
            && !SymbolEqualityComparer.Default.Equals(property.Type, property.OverriddenProperty.Type))
        {
            _sink.Report(location, RuleIds.UnsupportedMembers, "covariant return type: needs runtime support nanoCLR lacks");
        }
    }

    private void CheckEvent(IEventSymbol @event, Location location)
    {
        _symbols.CheckType(@event.Type, location);
        bool fieldLike = @event.AddMethod?.IsImplicitlyDeclared == true;
        if (fieldLike)
        {
            _symbols.Require(ImplicitMembers.DelegateCombine, location, "a field-like event");
            _symbols.Require(ImplicitMembers.DelegateRemove, location, "a field-like event");
        }
    }

    private void CheckMethod(IMethodSymbol method, Location location)
    {
        if (method.MethodKind == MethodKind.Constructor && !method.IsStatic)
        {
            CheckBaseConstructorCall(method, location);
        }

        if (method.IsImplicitlyDeclared)
        {
            return;
        }

        CheckSignature(method, location, _symbols);
        CheckAttributes(method.GetReturnTypeAttributes());
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            CheckAttributes(parameter.GetAttributes());
        }

        if (method.IsOverride && method.OverriddenMethod != null
            && !SymbolEqualityComparer.Default.Equals(method.ReturnType, method.OverriddenMethod.ReturnType))
        {
            _sink.Report(location, RuleIds.UnsupportedMembers, "covariant return type: needs runtime support nanoCLR lacks");
        }
    }

    private void CheckBaseConstructorCall(IMethodSymbol constructor, Location location)
    {
        INamedTypeSymbol? baseType = constructor.ContainingType.BaseType;
        if (constructor.ContainingType.TypeKind != TypeKind.Class || baseType == null || !_symbols.IsExternal(baseType))
        {
            return;
        }

        // An explicit ": base(...)" or ": this(...)" is an invocation the operation rules check.
        bool hasInitializer = constructor.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .Any(syntax => syntax is ConstructorDeclarationSyntax { Initializer: not null }
                || syntax is TypeDeclarationSyntax { BaseList: { } baseList } && baseList.Types.Any(t => t is PrimaryConstructorBaseTypeSyntax));
        IMethodSymbol? implicitBase = baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        if (!hasInitializer && implicitBase != null)
        {
            _symbols.CheckMember(implicitBase, location);
        }
    }

    private void CheckAttributes(IEnumerable<AttributeData> attributes)
    {
        foreach (AttributeData attribute in attributes)
        {
            Location location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;
            if (attribute.ApplicationSyntaxReference == null)
            {
                continue; // Synthesised by the compiler; see ImplicitMembers for what is accepted.
            }

            _symbols.CheckType(attribute.AttributeClass, location);
            if (attribute.AttributeConstructor != null && attribute.AttributeClass is { IsGenericType: false })
            {
                _symbols.CheckMember(attribute.AttributeConstructor, location);
            }

            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                ISymbol? target = attribute.AttributeClass?.GetMembers(named.Key).FirstOrDefault();
                if (target != null)
                {
                    _symbols.CheckMember(target, location);
                }
            }
        }
    }
}

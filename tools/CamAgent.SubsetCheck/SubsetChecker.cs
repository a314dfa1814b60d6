using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Checks that a folder of C# sources stays inside the nanoFramework 1.x subset: syntax rules,
/// declaration rules and the bound operations of every body, against the allowlist.
/// </summary>
public static class SubsetChecker
{
    /// <summary>
    /// Checks every C# file under <paramref name="sourceFolder"/> (bin/ and obj/ excluded).
    /// Throws <see cref="DirectoryNotFoundException"/> if the folder does not exist.
    /// </summary>
    public static CheckResult Check(string sourceFolder, Allowlist allowlist, IReadOnlyList<MetadataReference> references)
    {
        ArgumentNullException.ThrowIfNull(sourceFolder);
        return Check([sourceFolder], allowlist, references);
    }

    /// <summary>
    /// Checks the C# files under all <paramref name="sourceFolders"/> as one compilation (the device
    /// libraries reference each other, so their sources are analysed together). Throws
    /// <see cref="DirectoryNotFoundException"/> if a folder does not exist.
    /// </summary>
    public static CheckResult Check(IReadOnlyList<string> sourceFolders, Allowlist allowlist, IReadOnlyList<MetadataReference> references)
    {
        ArgumentNullException.ThrowIfNull(sourceFolders);
        ArgumentNullException.ThrowIfNull(allowlist);
        ArgumentNullException.ThrowIfNull(references);
        foreach (string folder in sourceFolders)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"source folder not found: {folder}");
            }
        }

        IReadOnlyList<string> files = sourceFolders.SelectMany(CoreSources.Find).ToArray();
        CSharpCompilation compilation = CoreSources.Compile(files, references);
        return new CheckResult(files.Count, Analyse(compilation, allowlist));
    }

    /// <summary>
    /// The rules for what nanoCLR does differently at run time (NFS018 eager static constructors,
    /// NFS019 dropped statuses), over one syntax tree. They need no allowlist, so the device build
    /// applies them to every device assembly compiled against nanoFramework, too.
    /// </summary>
    public static void CheckRuntimeRules(SemanticModel model, SyntaxNode root, ViolationSink sink)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(sink);
        new StaticInitialiserRules(model, sink).CheckTree(root);
        new DroppedStatusRules(model, sink).CheckTree(root);
    }

    /// <summary>Checks an already built compilation (the compilation's own assembly is "Core").</summary>
    public static IReadOnlyList<Violation> Analyse(CSharpCompilation compilation, Allowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        ArgumentNullException.ThrowIfNull(allowlist);
        var sink = new ViolationSink();
        foreach (Diagnostic error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            sink.Report(error.Location, RuleIds.CompileError, $"does not compile ({error.Id}: {error.GetMessage()})");
        }

        var symbols = new SymbolRules(compilation.Assembly, allowlist, sink);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            SyntaxNode root = tree.GetRoot();
            new SyntaxRules(sink).Visit(root);
            new DeclarationRules(model, symbols, sink).CheckTree(root);
            new OperationRules(model, symbols, sink).CheckTree(root);
            CheckRuntimeRules(model, root, sink);
        }

        if (compilation.SyntaxTrees.FirstOrDefault() is { } first)
        {
            new DeclarationRules(compilation.GetSemanticModel(first), symbols, sink).CheckAssemblyAttributes(compilation.Assembly);
        }

        return sink.Sorted();
    }
}

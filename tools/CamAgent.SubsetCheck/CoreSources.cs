using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.SubsetCheck;

/// <summary>
/// Compiles a folder of C# sources the way src/CamAgent.Core is built (latest language version,
/// nullable and implicit usings off, no preprocessor symbols) so the rules can ask Roslyn what
/// every name and operator binds to.
/// </summary>
public static class CoreSources
{
    private static readonly string[] SkippedFolders = ["bin", "obj"];

    /// <summary>
    /// All *.cs files under <paramref name="folder"/> except build output, ordered for stable
    /// reports. Paths keep the folder as given (relative stays relative).
    /// </summary>
    public static IReadOnlyList<string> Find(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsInSkippedFolder(Path.GetRelativePath(folder, path)))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Parses and compiles the files against <paramref name="references"/>.</summary>
    public static CSharpCompilation Compile(IReadOnlyList<string> files, IReadOnlyList<MetadataReference> references)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path));
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            allowUnsafe: true); // unsafe code must reach the NFS008 rule, not stop at a compile error.
        return CSharpCompilation.Create("CamAgent.Core.SubsetCheck", trees, references, options);
    }

    private static bool IsInSkippedFolder(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .SkipLast(1)
            .Any(part => SkippedFolders.Contains(part, StringComparer.OrdinalIgnoreCase));
}

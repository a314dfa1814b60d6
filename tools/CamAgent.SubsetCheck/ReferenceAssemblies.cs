using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck;

/// <summary>
/// The .NET assemblies Core is compiled against for the analysis. Preferred: the reference pack
/// of the installed SDK (packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major.minor&gt;),
/// because that is the surface `dotnet build` resolves Core's calls against, so the check sees
/// the same overloads the build picks. Fallback: the running runtime's trusted platform
/// assemblies (same public surface, implementation assemblies), for machines with a runtime but
/// no SDK.
/// </summary>
public static class ReferenceAssemblies
{
    /// <summary>Paths of the reference assemblies; never empty on a working .NET installation.</summary>
    public static IReadOnlyList<string> Locate()
    {
        string? fromPack = FindReferencePack();
        if (fromPack != null)
        {
            return Directory.GetFiles(fromPack, "*.dll").Order(StringComparer.Ordinal).ToArray();
        }

        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal)
                || Path.GetFileName(path) == "mscorlib.dll" || Path.GetFileName(path) == "netstandard.dll")
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Loads the located assemblies as Roslyn metadata references.</summary>
    public static IReadOnlyList<MetadataReference> Load(IReadOnlyList<string> paths) =>
        paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    private static string? FindReferencePack()
    {
        // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        Version runtime = Environment.Version;
        string framework = $"net{runtime.Major}.{runtime.Minor}";
        return Directory.GetDirectories(packs)
            .Select(directory => (directory, version: ParseVersion(Path.GetFileName(directory))))
            .Where(pack => pack.version != null && pack.version.Major == runtime.Major && pack.version.Minor == runtime.Minor)
            .OrderByDescending(pack => pack.version)
            .Select(pack => Path.Combine(pack.directory, "ref", framework))
            .FirstOrDefault(Directory.Exists);
    }

    private static Version? ParseVersion(string name)
    {
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? name : name[..dash], out Version? version) ? version : null;
    }
}

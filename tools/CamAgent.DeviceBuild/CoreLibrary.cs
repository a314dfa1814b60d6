using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace CamAgent.DeviceBuild;

/// <summary>
/// The real nanoFramework mscorlib.dll from the NuGet package nanoFramework.CoreLibrary, which
/// this tool's project downloads on restore (PackageDownload). Every device assembly and every
/// generated reference assembly is compiled against it and nothing else from .NET.
/// </summary>
public sealed class CoreLibrary
{
    /// <summary>The package and version the device projects' packages.config pin.</summary>
    public const string PackageId = "nanoFramework.CoreLibrary";

    public const string PackageVersion = "1.17.11";

    private CoreLibrary(string path, Version version, ImmutableArray<byte> publicKey)
    {
        Path = path;
        Version = version;
        PublicKey = publicKey;
        Reference = MetadataReference.CreateFromFile(path);
    }

    public string Path { get; }

    /// <summary>The assembly version, e.g. 1.17.11.0.</summary>
    public Version Version { get; }

    /// <summary>nanoFramework's public key; the generated reference assemblies carry it too.</summary>
    public ImmutableArray<byte> PublicKey { get; }

    public MetadataReference Reference { get; }

    /// <summary>
    /// The NuGet global packages folder: NUGET_PACKAGES if set, else ~/.nuget/packages.
    /// </summary>
    public static string DefaultPackagesRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return string.IsNullOrEmpty(configured)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : configured;
    }

    /// <summary>Finds mscorlib.dll in the global packages folder; throws a message that says how to get it.</summary>
    public static CoreLibrary Locate() => Locate(DefaultPackagesRoot());

    public static CoreLibrary Locate(string packagesRoot)
    {
        string path = System.IO.Path.Combine(packagesRoot, PackageId.ToLowerInvariant(), PackageVersion, "lib", "mscorlib.dll");
        if (!File.Exists(path))
        {
            throw new CoreLibraryMissingException(
                $"The real nanoFramework mscorlib was not found at {path}. It comes from the NuGet package {PackageId} {PackageVersion}, "
                + "which tools/CamAgent.DeviceBuild downloads on restore: run 'dotnet restore tools/CamAgent.DeviceBuild' "
                + "(NUGET_PACKAGES, if set, names the global packages folder).");
        }

        using var reader = new PEReader(File.OpenRead(path));
        MetadataReader metadata = reader.GetMetadataReader();
        AssemblyDefinition assembly = metadata.GetAssemblyDefinition();
        ImmutableArray<byte> key = metadata.GetBlobContent(assembly.PublicKey);
        return new CoreLibrary(path, assembly.Version, key);
    }
}

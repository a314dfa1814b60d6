using System.Reflection;
using System.Xml.Linq;
using CamAgent.DeviceBuild.Build;

namespace CamAgent.DeviceBuild.Projects;

/// <summary>
/// Evaluates a classic .nfproj the way nanoFramework's project system does for one
/// configuration: the defaults of NFProjectSystem.Default.props (Debug: Optimize=false,
/// DEBUG;TRACE; Release: Optimize=true, TRACE; LangVersion 9.0), then the project's own
/// property and item groups in document order (with their conditions), shared-project
/// imports (.projitems), and last NFProjectSystem.CSharp.targets' ",NANOFRAMEWORK_1_0".
/// Other imports (the project system itself, NuGet build files) are what this reader stands
/// in for and are not read. Link metadata only changes how Visual Studio shows a file: the
/// compiler gets the file's real path, and so does every error message.
/// </summary>
public static class NfProjectReader
{
    /// <summary>The language version nanoFramework's project system sets (NFProjectSystem.Default.props).</summary>
    public const string DefaultLangVersion = "9.0";

    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    public static NfProject Read(string projectPath, BuildConfiguration configuration)
    {
        string fullPath = Path.GetFullPath(projectPath);
        if (!File.Exists(fullPath))
        {
            throw new NfProjectException($"project not found: {fullPath}");
        }

        string directory = Path.GetDirectoryName(fullPath)!;
        Dictionary<string, string> properties = DefaultProperties(fullPath, configuration);
        var expressions = new MsBuildExpressions(properties, directory);
        var items = new ProjectItems(directory);
        ReadElements(XDocument.Load(fullPath).Root!, expressions, properties, items, directory);
        properties["DefineConstants"] = properties["DefineConstants"] + ",NANOFRAMEWORK_1_0";

        return new NfProject(
            fullPath,
            Property(properties, "AssemblyName", Path.GetFileNameWithoutExtension(fullPath)),
            Property(properties, "OutputType", "Library"),
            Property(properties, "LangVersion", DefaultLangVersion),
            properties["DefineConstants"].Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IsTrue(properties, "Optimize"),
            IsTrue(properties, "AllowUnsafeBlocks"),
            items.SourceFiles.Where(File.Exists).ToArray(),
            items.SourceFiles.Where(f => !File.Exists(f)).ToArray(),
            items.References,
            items.ProjectReferences);
    }

    private static Dictionary<string, string> DefaultProperties(string fullPath, BuildConfiguration configuration)
    {
        string directory = Path.GetDirectoryName(fullPath)!;
        bool debug = configuration == BuildConfiguration.Debug;
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Configuration"] = configuration.ToString(),
            ["Platform"] = "AnyCPU",
            ["MSBuildProjectDirectory"] = directory,
            ["MSBuildProjectFullPath"] = fullPath,
            ["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(fullPath),
            ["MSBuildThisFileDirectory"] = directory + "/",
            ["Optimize"] = debug ? "false" : "true",
            ["DefineConstants"] = debug ? "DEBUG;TRACE" : "TRACE",
            ["LangVersion"] = DefaultLangVersion,
        };
    }

    private static void ReadElements(XElement root, MsBuildExpressions expressions, Dictionary<string, string> properties, ProjectItems items, string fileDirectory)
    {
        foreach (XElement element in root.Elements())
        {
            if (!expressions.Holds((string?)element.Attribute("Condition")))
            {
                continue;
            }

            if (element.Name == MsBuild + "PropertyGroup")
            {
                ReadProperties(element, expressions, properties);
            }
            else if (element.Name == MsBuild + "ItemGroup")
            {
                ReadItems(element, expressions, items);
            }
            else if (element.Name == MsBuild + "Import")
            {
                ReadSharedProject(element, expressions, properties, items, fileDirectory);
            }
            else if (element.Name == MsBuild + "Choose")
            {
                throw new NfProjectException("<Choose> is not supported in a device project");
            }
        }
    }

    private static void ReadProperties(XElement group, MsBuildExpressions expressions, Dictionary<string, string> properties)
    {
        foreach (XElement property in group.Elements())
        {
            if (expressions.Holds((string?)property.Attribute("Condition")))
            {
                properties[property.Name.LocalName] = expressions.Expand(property.Value.Trim());
            }
        }
    }

    private static void ReadItems(XElement group, MsBuildExpressions expressions, ProjectItems items)
    {
        foreach (XElement item in group.Elements())
        {
            if (!expressions.Holds((string?)item.Attribute("Condition")))
            {
                continue;
            }

            string? include = (string?)item.Attribute("Include");
            string? remove = (string?)item.Attribute("Remove");
            switch (item.Name.LocalName)
            {
                case "Compile" when remove != null:
                    items.RemoveCompile(expressions.Expand(remove));
                    break;
                case "Compile" when include != null:
                    items.AddCompile(expressions.Expand(include), expressions.Expand((string?)item.Attribute("Exclude") ?? string.Empty));
                    break;
                case "Reference" when include != null:
                    items.References.Add(ParseReference(expressions.Expand(include), (string?)item.Element(MsBuild + "HintPath")));
                    break;
                case "ProjectReference" when include != null:
                    items.ProjectReferences.Add(ItemGlob.Absolute(items.ProjectDirectory, expressions.Expand(include)));
                    break;
            }
        }
    }

    private static void ReadSharedProject(XElement import, MsBuildExpressions expressions, Dictionary<string, string> properties, ProjectItems items, string fileDirectory)
    {
        string project = expressions.Expand((string?)import.Attribute("Project") ?? string.Empty);
        if (!project.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string path = ItemGlob.Absolute(fileDirectory, project);
        if (!File.Exists(path))
        {
            throw new NfProjectException($"shared project not found: {path}");
        }

        string outer = properties["MSBuildThisFileDirectory"];
        string sharedDirectory = Path.GetDirectoryName(path)!;
        properties["MSBuildThisFileDirectory"] = sharedDirectory + "/";
        ReadElements(XDocument.Load(path).Root!, expressions, properties, items, sharedDirectory);
        properties["MSBuildThisFileDirectory"] = outer;
    }

    private static AssemblyReference ParseReference(string include, string? hintPath)
    {
        try
        {
            var name = new AssemblyName(include);
            return new AssemblyReference(name.Name ?? include, name.Version, hintPath);
        }
        catch (FileLoadException)
        {
            throw new NfProjectException($"reference '{include}' is not an assembly name");
        }
    }

    private static string Property(Dictionary<string, string> properties, string name, string fallback) =>
        properties.TryGetValue(name, out string? value) && value.Length > 0 ? value : fallback;

    private static bool IsTrue(Dictionary<string, string> properties, string name) =>
        properties.TryGetValue(name, out string? value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}

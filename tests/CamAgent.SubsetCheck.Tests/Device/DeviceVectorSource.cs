using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// Turns the golden vectors of tests/vectors/*.json into one C# file the nanoFramework test
/// project compiles (tests/CamAgent.Device.Tests/Vectors/GoldenVectors.cs): the device has no
/// file system path to the repository and no JSON library, so each vector file becomes a flat
/// string array of alternating paths and values ("cases[1].r", "F1AB...") that the device-side
/// VectorTable looks up. Strings are written as-is, numbers and booleans as their JSON text.
/// </summary>
public static class DeviceVectorSource
{
    public const string GeneratedRelativePath = "tests/CamAgent.Device.Tests/Vectors/GoldenVectors.cs";

    /// <summary>The generated source for every *.json file in <paramref name="vectorsFolder"/>, in ordinal file-name order.</summary>
    public static string Generate(string vectorsFolder)
    {
        var files = Directory.GetFiles(vectorsFolder, "*.json").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray();
        var source = new StringBuilder();
        source.Append("// Generated from tests/vectors/*.json by DeviceVectorSource (tests/CamAgent.SubsetCheck.Tests).\n");
        source.Append("// Do not edit: run the host tests with CAMAGENT_WRITE_DEVICE_VECTORS=1 to regenerate.\n");
        source.Append("namespace CamAgent.Device.Tests.Vectors\n{\n");
        source.Append("    /// <summary>The shared golden vectors as path/value pairs (see VectorTable).</summary>\n");
        source.Append("    public static class GoldenVectors\n    {\n");
        for (int i = 0; i < files.Length; i++)
        {
            if (i > 0)
            {
                source.Append('\n');
            }

            AppendTable(source, files[i]);
        }

        source.Append("    }\n}\n");
        return source.ToString();
    }

    /// <summary>C# identifier for a vector file: "ecdsa-p256-rfc6979.json" becomes "EcdsaP256Rfc6979".</summary>
    public static string TableName(string fileName)
    {
        var name = new StringBuilder();
        foreach (string part in Path.GetFileNameWithoutExtension(fileName).Split('-', '_', '.'))
        {
            if (part.Length > 0)
            {
                name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
            }
        }

        return name.ToString();
    }

    private static void AppendTable(StringBuilder source, string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
        var pairs = new List<(string Path, string Value)>();
        Flatten(document.RootElement, string.Empty, pairs);
        source.Append("        /// <summary>tests/vectors/").Append(Path.GetFileName(file)).Append("</summary>\n");
        source.Append("        public static readonly string[] ").Append(TableName(file)).Append(" = new string[]\n        {\n");
        foreach ((string path, string value) in pairs)
        {
            source.Append("            ").Append(Literal(path)).Append(", ").Append(Literal(value)).Append(",\n");
        }

        source.Append("        };\n");
    }

    private static void Flatten(JsonElement element, string path, List<(string, string)> pairs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, pairs);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", pairs);
                    index++;
                }

                pairs.Add((path + ".length", index.ToString(CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.String:
                pairs.Add((path, element.GetString()!));
                break;
            default:
                pairs.Add((path, element.GetRawText()));
                break;
        }
    }

    private static string Literal(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': literal.Append("\\\""); break;
                case '\\': literal.Append("\\\\"); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': literal.Append("\\r"); break;
                case '\t': literal.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        literal.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        literal.Append(c);
                    }

                    break;
            }
        }

        return literal.Append('"').ToString();
    }
}

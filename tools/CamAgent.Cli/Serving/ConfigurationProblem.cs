using System.Text.Json;
using CamAgent.Ingest;

namespace CamAgent.Cli.Serving;

/// <summary>
/// A refused ingest configuration in words for the operator: the file, the JSON path and line,
/// never a .NET type name (System.Text.Json's messages name the types it maps to).
/// </summary>
public static class ConfigurationProblem
{
    public static string Describe(IngestConfigurationException e)
    {
        if (e.InnerException is not JsonException json || json.Path is null)
        {
            return e.Message;
        }

        int prefix = e.Message.IndexOf(": ", StringComparison.Ordinal);
        string file = prefix < 0 ? "the configuration file is not valid" : e.Message[..prefix];
        string property = json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        string where = json.LineNumber is long line ? $" (line {line + 1})" : string.Empty;
        return json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"{file}: unknown property '{property}'{where}; docs/ingest-server.md lists the properties."
            : $"{file}: the value of '{property}'{where} is not of the right kind (a string, number, true/false or list as docs/ingest-server.md says).";
    }
}

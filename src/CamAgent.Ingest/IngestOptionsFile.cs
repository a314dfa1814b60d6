using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamAgent.Ingest;

/// <summary>
/// Reads the server's JSON configuration file (docs/ingest-server.md, "Configuration").
/// Property names are camelCase; unknown properties are an error (a misspelt limit must not be
/// silently ignored); relative paths are resolved against the file's own directory.
/// </summary>
public static class IngestOptionsFile
{
    /// <summary>Configuration files are small; anything larger is not one.</summary>
    private const long MaxFileBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and validates <paramref name="path"/>; throws <see cref="IngestConfigurationException"/> naming the problem.</summary>
    public static IngestOptions Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IngestConfigurationException($"The configuration file '{path}' does not exist.");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new IngestConfigurationException($"The configuration file '{path}' is larger than {MaxFileBytes} bytes.");
        }

        IngestOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<IngestOptions>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new IngestConfigurationException($"The configuration file '{path}' is not valid: {e.Message}", e);
        }

        if (options is null)
        {
            throw new IngestConfigurationException($"The configuration file '{path}' is empty.");
        }

        ResolvePaths(options, info.DirectoryName!);
        options.Validate();
        return options;
    }

    /// <summary>Serialises options in the file format (used by tooling to write a starting configuration).</summary>
    public static string Serialize(IngestOptions options) => JsonSerializer.Serialize(options, new JsonSerializerOptions(Json) { WriteIndented = true });

    private static void ResolvePaths(IngestOptions options, string directory)
    {
        options.StorePath = Resolve(options.StorePath, directory);
        options.ServerCertificatePath = Resolve(options.ServerCertificatePath, directory);
        options.ServerKeyPath = Resolve(options.ServerKeyPath, directory);
        options.DeviceCaPath = Resolve(options.DeviceCaPath, directory);
        options.RootCaPath = Resolve(options.RootCaPath, directory);
        options.ReceiptCertificatePath = Resolve(options.ReceiptCertificatePath, directory);
        options.ReceiptKeyPath = Resolve(options.ReceiptKeyPath, directory);
        options.RevocationListPath = Resolve(options.RevocationListPath, directory);
        if (options.Cluster is not null)
        {
            options.Cluster.S3CredentialsPath = Resolve(options.Cluster.S3CredentialsPath, directory);
            options.Cluster.PostgresPasswordPath = Resolve(options.Cluster.PostgresPasswordPath, directory);
        }
    }

    private static string Resolve(string value, string directory)
    {
        return string.IsNullOrWhiteSpace(value) ? value : Path.GetFullPath(value, directory);
    }
}

using System.Text.Json;

namespace CamAgent.Provisioning;

/// <summary>The agency-wide facts the PKI folder keeps in pki.json.</summary>
/// <param name="Agency">Organisation name placed in every subject (O=).</param>
/// <param name="IngestHost">The one host name cameras upload to (server certificate SAN, device bundles).</param>
/// <param name="CreatedUtc">When `pki init` ran.</param>
public sealed record PkiSettings(string Agency, string IngestHost, DateTimeOffset CreatedUtc)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static PkiSettings? FromJson(string json)
    {
        try
        {
            PkiSettings? settings = JsonSerializer.Deserialize<PkiSettings>(json, Json);
            return settings is null || string.IsNullOrEmpty(settings.Agency) || string.IsNullOrEmpty(settings.IngestHost) ? null : settings;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

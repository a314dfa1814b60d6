using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// tus 1.0.0 §3.1 Upload-Metadata: "MUST consist of one or more comma-separated key-value pairs.
/// The key and value MUST be separated by a space. The key MUST NOT contain spaces and commas and
/// MUST NOT be empty. ... the value MUST be Base64 encoded. All keys MUST be unique. The value MAY
/// be empty." CamAgent requires the key "manifest" with the manifest's COSE_Sign1 bytes
/// (docs/upload-protocol.md §3.2); other keys are allowed and ignored.
/// </summary>
public static class UploadMetadataRule
{
    /// <summary>Largest decoded manifest: a manifest with a device certificate is about 1 KiB.</summary>
    public const int MaxManifestBytes = 8 * 1024;

    public static Rejection? ReadManifest(IHeaderDictionary headers, out byte[] manifest)
    {
        manifest = Array.Empty<byte>();
        var values = headers[TusHeaders.UploadMetadata];
        if (values.Count == 0)
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.ManifestMissing);
        }

        if (values.Count != 1 || !TryParse(values[0] ?? "", out Dictionary<string, string> pairs))
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMetadata);
        }

        if (!pairs.TryGetValue(TusHeaders.ManifestMetadataKey, out string? encoded) || encoded.Length == 0)
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.ManifestMissing);
        }

        if (encoded.Length > (MaxManifestBytes + 2) / 3 * 4)
        {
            return new Rejection(StatusCodes.Status400BadRequest, ErrorCodes.ManifestMalformed);
        }

        manifest = Convert.FromBase64String(encoded);
        return null;
    }

    /// <summary>Splits the header into unique keys and (still base64) values; false when any rule above is broken.</summary>
    public static bool TryParse(string header, out Dictionary<string, string> pairs)
    {
        pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in header.Split(','))
        {
            string pair = item.Trim();
            int space = pair.IndexOf(' ', StringComparison.Ordinal);
            string key = space < 0 ? pair : pair[..space];
            string value = space < 0 ? "" : pair[(space + 1)..];
            if (key.Length == 0 || !IsAsciiKey(key) || value.Contains(' ', StringComparison.Ordinal)
                || !IsBase64(value) || !pairs.TryAdd(key, value))
            {
                pairs.Clear();
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiKey(string key)
    {
        foreach (char c in key)
        {
            if (c <= ' ' || c > '~' || c == ',')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64(string value)
    {
        if (value.Length % 4 != 0)
        {
            return false;
        }

        Span<byte> scratch = value.Length <= 1024 ? stackalloc byte[value.Length] : new byte[value.Length];
        return Convert.TryFromBase64String(value, scratch, out _);
    }
}

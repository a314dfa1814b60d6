using System.Text.Json;

namespace CamAgent.Provisioning.Boards;

/// <summary>
/// Parses and validates a board profile as a whole: every problem is reported (field and reason),
/// and a profile with any problem is refused. The format is deliberately flat (one JSON object of
/// strings, integers and booleans) so the device can read it with a small parser and no generics.
/// </summary>
public static class BoardProfileReader
{
    /// <summary>The value of the "schema" field this reader understands.</summary>
    public const string Schema = "camagent-board/1";

    private static readonly string[] StringFields = ["schema", "name", "displayName", "soc", "nanoffTarget", "psramMode", "serialInterface", "sdMode", "secureElement", "quirks"];
    private static readonly string[] IntegerFields = ["flashSizeMiB", "psramSizeMiB", "sdClkPin", "sdCmdPin", "sdD0Pin", "sdSpiSckPin", "sdSpiMisoPin", "sdSpiMosiPin", "sdSpiCsPin", "statusLedPin", "seI2cSdaPin", "seI2cSclPin", "seI2cAddress"];
    private static readonly string[] BooleanFields = ["statusLedActiveLow"];
    private static readonly string[] RequiredFields = ["schema", "name", "displayName", "soc", "nanoffTarget", "flashSizeMiB", "psramSizeMiB", "psramMode", "serialInterface", "sdMode", "statusLedPin", "statusLedActiveLow", "secureElement", "quirks"];

    /// <summary>Reads <paramref name="json"/>; <paramref name="expectedName"/> (the file name without .json) must equal its "name" when given.</summary>
    public static BoardValidation Read(string json, string? expectedName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<string>();
        Dictionary<string, JsonElement>? fields = ParseFlatObject(json, errors);
        if (fields is null)
        {
            return new BoardValidation(null, errors);
        }

        foreach (string required in RequiredFields.Where(r => !fields.ContainsKey(r)))
        {
            errors.Add($"{required}: missing (required).");
        }

        if (errors.Count > 0)
        {
            return new BoardValidation(null, errors);
        }

        BoardProfile profile = Build(fields, json);
        BoardRules.Check(profile, expectedName, errors);
        return new BoardValidation(errors.Count == 0 ? profile : null, errors);
    }

    private static Dictionary<string, JsonElement>? ParseFlatObject(string json, List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            errors.Add($"(file): not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("(file): the profile must be one JSON object.");
                return null;
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string? problem = CheckType(property);
                if (problem is not null)
                {
                    errors.Add($"{property.Name}: {problem}");
                }
                else if (!fields.TryAdd(property.Name, property.Value.Clone()))
                {
                    errors.Add($"{property.Name}: given twice.");
                }
            }

            return errors.Count == 0 ? fields : null;
        }
    }

    private static string? CheckType(JsonProperty property)
    {
        JsonValueKind kind = property.Value.ValueKind;
        if (StringFields.Contains(property.Name))
        {
            return kind == JsonValueKind.String ? null : "must be a string.";
        }

        if (IntegerFields.Contains(property.Name))
        {
            return kind == JsonValueKind.Number && property.Value.TryGetInt32(out _) ? null : "must be an integer.";
        }

        if (BooleanFields.Contains(property.Name))
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.";
        }

        return "unknown field (a misspelt field would otherwise be silently ignored).";
    }

    private static BoardProfile Build(Dictionary<string, JsonElement> f, string json)
    {
        string S(string key) => f[key].GetString()!;
        int I(string key) => f.TryGetValue(key, out JsonElement value) ? value.GetInt32() : -1;
        return new BoardProfile
        {
            Name = S("name"), DisplayName = S("displayName"), Soc = S("soc"), NanoffTarget = S("nanoffTarget"),
            FlashSizeMiB = I("flashSizeMiB"), PsramSizeMiB = I("psramSizeMiB"), PsramMode = S("psramMode"),
            SerialInterface = S("serialInterface"), SdMode = S("sdMode"),
            SdClkPin = I("sdClkPin"), SdCmdPin = I("sdCmdPin"), SdD0Pin = I("sdD0Pin"),
            SdSpiSckPin = I("sdSpiSckPin"), SdSpiMisoPin = I("sdSpiMisoPin"), SdSpiMosiPin = I("sdSpiMosiPin"), SdSpiCsPin = I("sdSpiCsPin"),
            StatusLedPin = I("statusLedPin"), StatusLedActiveLow = f["statusLedActiveLow"].GetBoolean(),
            SecureElement = S("secureElement"), SeI2cSdaPin = I("seI2cSdaPin"), SeI2cSclPin = I("seI2cSclPin"), SeI2cAddress = I("seI2cAddress"),
            Quirks = S("quirks"), Json = json,
        };
    }
}

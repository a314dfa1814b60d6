using System.Text;
using System.Text.Json;
using CamAgent.Core.Board;
using FieldKind = CamAgent.Core.Board.JsonValueKind;

namespace CamAgent.Provisioning.Boards;

/// <summary>
/// The agency's validator of a board profile: every problem is reported (field and reason), and a
/// profile with any problem is refused. Field names, types and which are required come from the
/// device's own table (<see cref="BoardFields"/>); the profile is decoded by the device's reader
/// (<see cref="BoardProfileReader.Decode"/>), so the agency validates exactly what the camera will read,
/// then <see cref="BoardRules"/> applies the full rules (firmware target, pins per chip, ...).
/// </summary>
public static class BoardProfileValidator
{
    /// <summary>Reads <paramref name="json"/>; <paramref name="expectedName"/> (the file name without .json) must equal its "name" when given.</summary>
    public static BoardValidation Read(string json, string? expectedName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<string>();
        HashSet<string>? present = CheckFields(json, errors);
        if (present is null)
        {
            return new BoardValidation(null, json, errors);
        }

        for (int i = 0; i < BoardFields.Count; i++)
        {
            if (BoardFields.IsRequired(i) && !present.Contains(BoardFields.NameOf(i)))
            {
                errors.Add($"{BoardFields.NameOf(i)}: missing (required).");
            }
        }

        if (errors.Count > 0)
        {
            return new BoardValidation(null, json, errors);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(json);
        BoardStatus status = BoardProfileReader.Decode(bytes, 0, bytes.Length, out BoardProfile? profile, out string field);
        if (status != BoardStatus.Ok)
        {
            errors.Add($"{(field.Length > 0 ? field : "(file)")}: refused by the device's reader ({status}).");
            return new BoardValidation(null, json, errors);
        }

        BoardRules.Require(profile!.SchemaName == BoardProfile.Schema, "schema", $"must be \"{BoardProfile.Schema}\".", errors);
        BoardRules.Check(profile, expectedName, errors);
        return new BoardValidation(errors.Count == 0 ? profile : null, json, errors);
    }

    // Names of the fields present, or null after reporting every structural problem.
    private static HashSet<string>? CheckFields(string json, List<string> errors)
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
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                errors.Add("(file): the profile must be one JSON object.");
                return null;
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string? problem = CheckType(property);
                if (problem is not null)
                {
                    errors.Add($"{property.Name}: {problem}");
                }
                else if (!present.Add(property.Name))
                {
                    errors.Add($"{property.Name}: given twice.");
                }
            }

            return errors.Count == 0 ? present : null;
        }
    }

    private static string? CheckType(JsonProperty property)
    {
        int index = BoardFields.IndexOf(property.Name);
        if (index < 0)
        {
            return "unknown field (a misspelt field would otherwise be silently ignored).";
        }

        System.Text.Json.JsonValueKind kind = property.Value.ValueKind;
        return BoardFields.KindOf(index) switch
        {
            FieldKind.String => kind == System.Text.Json.JsonValueKind.String ? null : "must be a string.",
            FieldKind.Integer => kind == System.Text.Json.JsonValueKind.Number && property.Value.TryGetInt32(out int value) && value >= 0 ? null : "must be a non-negative integer.",
            _ => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False ? null : "must be true or false.",
        };
    }
}

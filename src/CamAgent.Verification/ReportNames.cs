using System.Text.Json;

namespace CamAgent.Verification;

/// <summary>
/// The names the reports use for kinds, states and findings: camelCase, like every JSON field
/// name, so the JSON report has one naming style (docs/evidence-format.md §7.6). The text and
/// HTML reports show the same names as words (<see cref="Words"/>).
/// </summary>
public static class ReportNames
{
    public const string Segment = "segment";
    public const string Unreadable = "unreadable";
    public const string Verified = "verified";

    /// <summary>The camelCase name of an enum value (RecordingStart: "recordingStart").</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A camelCase name as lowercase words ("recordingStart": "recording start").</summary>
    public static string Words(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name).Replace('_', ' ');
}

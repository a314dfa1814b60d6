namespace CamAgent.Provisioning.Boards;

/// <summary>
/// A nanoFramework firmware target that CamAgent supports, as named by nanoff's --target option.
/// The names are nf-interpreter's ESP32 build presets (targets/ESP32/CMakePresets.json).
/// </summary>
/// <param name="Name">The --target value.</param>
/// <param name="Soc">The chip family it is built for ("esp32" or "esp32s3").</param>
/// <param name="PsramMode">"none", "quad" or "octal": the PSRAM the firmware expects (or tolerates, for "none").</param>
/// <param name="MinimumSiliconRevision">ESP32 only: REV3 builds need chip revision 3 or later.</param>
public sealed record NanoffTarget(string Name, string Soc, string PsramMode, int MinimumSiliconRevision)
{
    /// <summary>The targets a board profile may name. Others exist, but CamAgent needs Wi-Fi, SD card and, for video spools, PSRAM.</summary>
    public static IReadOnlyList<NanoffTarget> Supported { get; } =
    [
        new("ESP32_PSRAM_REV0", "esp32", "quad", 0),
        new("ESP32_PSRAM_REV3", "esp32", "quad", 3),
        new("ESP32_REV0", "esp32", "none", 0),
        new("ESP32_REV3", "esp32", "none", 3),
        new("ESP32_S3", "esp32s3", "quad", 0),
        new("ESP32_S3_ALL", "esp32s3", "octal", 0),
    ];

    public static NanoffTarget? Find(string name) => Supported.FirstOrDefault(t => t.Name == name);
}

using CamAgent.Core.Board;

namespace CamAgent.Provisioning.Boards;

/// <summary>
/// The nanoff invocations that prepare a camera module: firmware (with a mass erase, so nothing of a
/// previous owner survives), the CamAgent application, then the device bundle as a file on the
/// internal flash drive. Options are nanoff's own (nanoFirmwareFlasher README and Options.cs):
/// --target, --serialport, --update, --masserase, --deploy, --image, --filedeployment.
/// </summary>
public static class FlashPlan
{
    /// <summary>Where the bundle lands on the device: the internal flash drive, which survives SD card swaps.</summary>
    public const string DeviceBundlePath = "I:\\camagent\\bundle.cose";

    /// <summary>One step: what it does, and the arguments to nanoff (no shell involved).</summary>
    public sealed record Step(string Description, IReadOnlyList<string> Arguments);

    public static IReadOnlyList<Step> Steps(BoardProfile board, string serialPort, string applicationImage, string? fileDeploymentJson)
    {
        ArgumentNullException.ThrowIfNull(board);
        var steps = new List<Step>
        {
            new($"Erase the flash and install the nanoFramework firmware for {board.DisplayName}",
                ["--target", board.NanoffTarget, "--serialport", serialPort, "--update", "--masserase"]),
            new("Deploy the CamAgent application",
                ["--target", board.NanoffTarget, "--serialport", serialPort, "--deploy", "--image", applicationImage]),
        };
        if (fileDeploymentJson is not null)
        {
            steps.Add(new Step($"Copy the device bundle to {DeviceBundlePath}", ["--filedeployment", fileDeploymentJson]));
        }

        return steps;
    }

    /// <summary>The --filedeployment JSON (nanoff's format: SerialPort and Files of DestinationFilePath/SourceFilePath).</summary>
    public static string FileDeploymentJson(string serialPort, string bundlePath) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            SerialPort = serialPort,
            Files = new[] { new { DestinationFilePath = DeviceBundlePath, SourceFilePath = Path.GetFullPath(bundlePath) } },
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>A command line a person can paste into a POSIX shell or PowerShell (arguments quoted when needed).</summary>
    public static string Display(IReadOnlyList<string> arguments) =>
        "nanoff " + string.Join(' ', arguments.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:\\".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));
}

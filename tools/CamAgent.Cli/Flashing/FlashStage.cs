using CamAgent.Core.Board;

namespace CamAgent.Cli.Flashing;

/// <summary>
/// The three stages of flashing a camera module, in order. Each is one nanoff run and needs the
/// module in a different state: the ROM bootloader for the firmware, the nanoFramework firmware
/// running (bootloader released, module reset) for the application and the files.
/// </summary>
public enum FlashStage
{
    /// <summary>Mass erase and the nanoFramework firmware (ROM bootloader).</summary>
    Firmware,

    /// <summary>The CamAgent application image (nanoFramework running).</summary>
    Deploy,

    /// <summary>The device bundle onto the internal flash drive (nanoFramework running).</summary>
    Files,
}

/// <summary>Stage names as typed, and what the operator does to the board before each stage.</summary>
public static class FlashStages
{
    public static readonly string[] Names = ["firmware", "deploy", "files"];

    public static string NameOf(FlashStage stage) => Names[(int)stage];

    public static FlashStage Parse(string name) => (FlashStage)Array.IndexOf(Names, name);

    /// <summary>The instruction printed (and, with --run, confirmed) before <paramref name="stage"/> on <paramref name="board"/>.</summary>
    public static string OperatorStep(BoardProfile board, FlashStage stage) => (board.SerialInterface, stage) switch
    {
        ("external-usb-uart", FlashStage.Firmware) =>
            "Tie GPIO0 to GND (the IO0 jumper, or hold IO0 on an ESP32-CAM-MB carrier) and press RESET: the module enters the ROM bootloader.",
        ("external-usb-uart", _) =>
            "Remove the GPIO0-GND jumper (release IO0) and press RESET: the module must boot nanoFramework before this step.",
        ("native-usb", FlashStage.Firmware) =>
            "Hold BOOT, press and release RESET, then release BOOT: the board enumerates in download mode (the port name may change).",
        ("native-usb", _) =>
            "Press RESET without BOOT: the board boots nanoFramework and enumerates again (check the port name; give it with --serial-port).",
        (_, FlashStage.Firmware) =>
            "The devkit's auto-reset circuit enters the bootloader by itself; if nanoff cannot connect, hold BOOT, press EN, release BOOT.",
        _ =>
            "Press EN (reset) so the module boots nanoFramework before this step.",
    };
}

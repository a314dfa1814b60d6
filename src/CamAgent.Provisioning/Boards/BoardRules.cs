using System.Text.RegularExpressions;
using CamAgent.Core.Board;

namespace CamAgent.Provisioning.Boards;

/// <summary>
/// The semantic rules of a board profile: values from closed sets, a firmware target that fits the
/// chip and its PSRAM, pins that exist on the chip and are free (not flash/PSRAM/USB pins, not
/// input-only for outputs, never used twice), and SD/secure-element wiring that is complete.
/// Pin facts come from the ESP32 and ESP32-S3 datasheets (GPIO and IO_MUX chapters).
/// </summary>
internal static partial class BoardRules
{
    /// <summary>Fixed IO_MUX pins of the ESP32's SDMMC host slot 1 (CLK, CMD, D0): they cannot be remapped.</summary>
    private const int Esp32SdmmcClk = 14, Esp32SdmmcCmd = 15, Esp32SdmmcD0 = 2;

    /// <summary>ATECC608 7-bit addresses: Trust&amp;Go 0x35, TrustFlex 0x36, TrustCustom/blank 0x60.</summary>
    private static readonly int[] Atecc608Addresses = [0x35, 0x36, 0x60];

    private const int MaxFlashSizeMiB = 32;
    private const int MaxPsramSizeMiB = 32;
    private const int MaxQuirksLength = 2000;

    public static void Check(BoardProfile p, string? expectedName, List<string> errors)
    {
        Require(p.Name is { Length: > 0 } && NamePattern().IsMatch(p.Name), "name", "must be lowercase letters, digits and hyphens.", errors);
        Require(expectedName is null || p.Name == expectedName, "name", $"must equal the file name '{expectedName}'.", errors);
        Require(p.DisplayName.Length is > 0 and <= 100, "displayName", "must be 1 to 100 characters.", errors);
        Require(p.Quirks.Length <= MaxQuirksLength, "quirks", $"must be at most {MaxQuirksLength} characters.", errors);
        Require(p.Soc is "esp32" or "esp32s3", "soc", "must be \"esp32\" or \"esp32s3\".", errors);
        Require(p.FlashSizeMiB is >= 4 and <= MaxFlashSizeMiB, "flashSizeMiB", $"must be 4 to {MaxFlashSizeMiB} (nanoFramework needs at least 4 MB).", errors);
        Require(p.PsramSizeMiB is >= 0 and <= MaxPsramSizeMiB, "psramSizeMiB", $"must be 0 to {MaxPsramSizeMiB}.", errors);
        Require(p.PsramMode is "none" or "quad" or "octal", "psramMode", "must be \"none\", \"quad\" or \"octal\".", errors);
        Require((p.PsramSizeMiB == 0) == (p.PsramMode == "none"), "psramMode", "must be \"none\" exactly when psramSizeMiB is 0.", errors);
        Require(p.PsramMode != "octal" || p.Soc == "esp32s3", "psramMode", "octal PSRAM exists only on the ESP32-S3.", errors);
        Require(p.SerialInterface is "external-usb-uart" or "usb-uart-bridge" or "native-usb", "serialInterface", "must be \"external-usb-uart\", \"usb-uart-bridge\" or \"native-usb\".", errors);
        Require(p.SerialInterface != "native-usb" || p.Soc == "esp32s3", "serialInterface", "the ESP32 has no native USB.", errors);
        CheckTarget(p, errors);
        CheckSd(p, errors);
        CheckSecureElement(p, errors);
        Require(p.StatusLedPin >= 0, "statusLedPin", "is required: the officer must see what the agent is doing.", errors);
        PinMap.Check(p, errors);
    }

    private static void CheckTarget(BoardProfile p, List<string> errors)
    {
        NanoffTarget? target = NanoffTarget.Find(p.NanoffTarget);
        if (target is null)
        {
            errors.Add($"nanoffTarget: '{p.NanoffTarget}' is not a supported nanoff target ({string.Join(", ", NanoffTarget.Supported.Select(t => t.Name))}).");
            return;
        }

        Require(target.Soc == p.Soc, "nanoffTarget", $"{target.Name} is built for {target.Soc}, not {p.Soc}.", errors);
        Require(target.PsramMode == "none" || p.PsramMode == target.PsramMode, "nanoffTarget", $"{target.Name} expects {target.PsramMode} PSRAM, the board has {p.PsramMode}.", errors);
        Require(target.PsramMode != "none" || p.PsramMode == "none", "nanoffTarget", $"{target.Name} does not use PSRAM; pick a PSRAM target for a board with {p.PsramSizeMiB} MB PSRAM.", errors);
    }

    private static void CheckSd(BoardProfile p, List<string> errors)
    {
        bool sdmmc = p.SdMode == "sdmmc-1bit";
        bool spi = p.SdMode == "spi";
        Require(sdmmc || spi, "sdMode", "must be \"sdmmc-1bit\" or \"spi\" (the segment spool needs an SD card).", errors);
        RequirePins(p, errors, sdmmc, ("sdClkPin", p.SdClkPin), ("sdCmdPin", p.SdCmdPin), ("sdD0Pin", p.SdD0Pin));
        RequirePins(p, errors, spi, ("sdSpiSckPin", p.SdSpiSckPin), ("sdSpiMisoPin", p.SdSpiMisoPin), ("sdSpiMosiPin", p.SdSpiMosiPin), ("sdSpiCsPin", p.SdSpiCsPin));
        if (sdmmc && p.Soc == "esp32")
        {
            Require(p.SdClkPin == Esp32SdmmcClk && p.SdCmdPin == Esp32SdmmcCmd && p.SdD0Pin == Esp32SdmmcD0, "sdMode",
                $"on the ESP32, SDMMC uses fixed pins CLK {Esp32SdmmcClk}, CMD {Esp32SdmmcCmd}, D0 {Esp32SdmmcD0}.", errors);
        }
    }

    private static void CheckSecureElement(BoardProfile p, List<string> errors)
    {
        bool atecc = p.SecureElement == "atecc608";
        Require(atecc || p.SecureElement == "none", "secureElement", "must be \"none\" or \"atecc608\".", errors);
        RequirePins(p, errors, atecc, ("seI2cSdaPin", p.SeI2cSdaPin), ("seI2cSclPin", p.SeI2cSclPin));
        Require(atecc ? Atecc608Addresses.Contains(p.SeI2cAddress) : p.SeI2cAddress == -1, "seI2cAddress",
            atecc ? "must be an ATECC608 7-bit address: 53 (0x35), 54 (0x36) or 96 (0x60)." : "must be absent without a secure element.", errors);
    }

    private static void RequirePins(BoardProfile p, List<string> errors, bool needed, params (string Field, int Pin)[] pins)
    {
        foreach ((string field, int pin) in pins)
        {
            Require(needed ? pin >= 0 : pin == -1, field, needed ? "is required for this configuration." : "must be absent in this configuration.", errors);
        }
    }

    internal static void Require(bool condition, string field, string reason, List<string> errors)
    {
        if (!condition)
        {
            errors.Add($"{field}: {reason}");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}

using CamAgent.Core.Board;

namespace CamAgent.Provisioning.Boards;

/// <summary>Which GPIOs a board profile may use, per chip (ESP32 / ESP32-S3 datasheets, "Pin Definitions" and IO_MUX tables).</summary>
internal static class PinMap
{
    private const int Esp32MaxGpio = 39;
    private const int Esp32S3MaxGpio = 48;

    /// <summary>ESP32: GPIO20, 24 and 28-31 are not bonded out.</summary>
    private static readonly int[] Esp32Missing = [20, 24, 28, 29, 30, 31];

    /// <summary>ESP32: GPIO6-11 drive the SPI flash.</summary>
    private static readonly int[] Esp32Flash = [6, 7, 8, 9, 10, 11];

    /// <summary>ESP32: GPIO34-39 are inputs only (no output driver, no pull-ups).</summary>
    private const int Esp32FirstInputOnly = 34;

    /// <summary>ESP32 with PSRAM (D0WD): GPIO16 is the PSRAM chip select and GPIO17 its clock.</summary>
    private static readonly int[] Esp32Psram = [16, 17];

    /// <summary>ESP32-S3: GPIO22-25 are not bonded out; GPIO26-32 drive flash and PSRAM.</summary>
    private static readonly int[] Esp32S3Unavailable = [22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32];

    /// <summary>ESP32-S3 with octal PSRAM: GPIO33-37 are its extra data lines and strobe.</summary>
    private static readonly int[] Esp32S3OctalPsram = [33, 34, 35, 36, 37];

    /// <summary>ESP32-S3: GPIO19/20 are USB D-/D+ (the serial port on native-USB boards).</summary>
    private static readonly int[] Esp32S3Usb = [19, 20];

    public static void Check(BoardProfile p, List<string> errors)
    {
        var used = new Dictionary<int, string>();
        foreach ((string field, int pin, bool output) in Pins(p))
        {
            if (pin < 0)
            {
                continue;
            }

            string? problem = p.Soc == "esp32" ? Esp32Problem(pin, output, p) : p.Soc == "esp32s3" ? Esp32S3Problem(pin, p) : null;
            if (problem is not null)
            {
                errors.Add($"{field}: GPIO{pin} {problem}");
            }

            if (used.TryGetValue(pin, out string? other))
            {
                errors.Add($"{field}: GPIO{pin} is already used by {other}.");
            }
            else
            {
                used[pin] = field;
            }
        }
    }

    private static IEnumerable<(string Field, int Pin, bool Output)> Pins(BoardProfile p)
    {
        yield return ("sdClkPin", p.SdClkPin, true);
        yield return ("sdCmdPin", p.SdCmdPin, true);
        yield return ("sdD0Pin", p.SdD0Pin, true);
        yield return ("sdSpiSckPin", p.SdSpiSckPin, true);
        yield return ("sdSpiMisoPin", p.SdSpiMisoPin, false);
        yield return ("sdSpiMosiPin", p.SdSpiMosiPin, true);
        yield return ("sdSpiCsPin", p.SdSpiCsPin, true);
        yield return ("statusLedPin", p.StatusLedPin, true);
        yield return ("seI2cSdaPin", p.SeI2cSdaPin, true);
        yield return ("seI2cSclPin", p.SeI2cSclPin, true);
    }

    private static string? Esp32Problem(int pin, bool output, BoardProfile p)
    {
        if (pin > Esp32MaxGpio || Esp32Missing.Contains(pin))
        {
            return "does not exist on the ESP32.";
        }

        if (Esp32Flash.Contains(pin))
        {
            return "is wired to the SPI flash.";
        }

        if (output && pin >= Esp32FirstInputOnly)
        {
            return "is input-only on the ESP32 and cannot drive this signal.";
        }

        return p.PsramMode != "none" && Esp32Psram.Contains(pin) ? "is used by the PSRAM." : null;
    }

    private static string? Esp32S3Problem(int pin, BoardProfile p)
    {
        if (pin > Esp32S3MaxGpio || Esp32S3Unavailable.Contains(pin))
        {
            return "is not available on the ESP32-S3 (not bonded out, or flash/PSRAM).";
        }

        if (p.PsramMode == "octal" && Esp32S3OctalPsram.Contains(pin))
        {
            return "is used by the octal PSRAM.";
        }

        return p.SerialInterface == "native-usb" && Esp32S3Usb.Contains(pin) ? "is the native USB port." : null;
    }
}

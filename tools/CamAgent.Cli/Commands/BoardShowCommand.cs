using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent board show NAME`: one board's profile in full.</summary>
public sealed class BoardShowCommand : ICommand
{
    public string Name => "board show";

    public string Summary => "show a board's pins, memory, nanoff target and quirks";

    public string Help => """
        Usage: camagent board show NAME [--boards DIR]

        Prints the validated profile of board NAME: nanoff target, flash and PSRAM, SD card wiring,
        status LED pin and polarity, secure element bus and address, and known quirks.
        Unknown board: exit code 8. Invalid profile: its problems, exit code 3.

        Example:
          camagent board show ai-thinker-esp32-cam
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, [BoardFolder.Option], [], 1, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        if (arguments.Positionals.Count != 1)
        {
            return PkiExit.Usage(Name, "give the board NAME.", context);
        }

        PkiResult<BoardValidation> loaded = BoardFolder.Catalog(arguments).Load(arguments.Positionals[0]);
        if (!loaded.Ok)
        {
            return PkiExit.Report(Name, loaded, context);
        }

        if (!loaded.Value!.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: the profile '{arguments.Positionals[0]}' is invalid:");
            foreach (string error in loaded.Value.Errors)
            {
                context.Error.WriteLine("  " + error);
            }

            return ExitCodes.BadInput;
        }

        Print(loaded.Value.Profile!, context.Output);
        return ExitCodes.Ok;
    }

    private static void Print(BoardProfile b, TextWriter o)
    {
        o.WriteLine($"{b.DisplayName} ({b.Name})");
        o.WriteLine($"  chip / nanoff target:  {b.Soc} / {b.NanoffTarget}");
        o.WriteLine($"  flash / PSRAM:         {b.FlashSizeMiB} MB / {b.PsramSizeMiB} MB ({b.PsramMode})");
        o.WriteLine($"  serial port:           {b.SerialInterface}");
        o.WriteLine(b.SdMode == "spi"
            ? $"  SD card:               SPI, SCK {b.SdSpiSckPin}, MISO {b.SdSpiMisoPin}, MOSI {b.SdSpiMosiPin}, CS {b.SdSpiCsPin}"
            : $"  SD card:               SDMMC 1-bit, CLK {b.SdClkPin}, CMD {b.SdCmdPin}, D0 {b.SdD0Pin}");
        o.WriteLine($"  status LED:            GPIO{b.StatusLedPin}, active {(b.StatusLedActiveLow ? "low" : "high")}");
        o.WriteLine(b.SecureElement == "none"
            ? "  secure element:        none"
            : $"  secure element:        {b.SecureElement} on I2C SDA {b.SeI2cSdaPin}, SCL {b.SeI2cSclPin}, address 0x{b.SeI2cAddress:X2}");
        o.WriteLine(b.SecureElement == "none"
            ? "  use:                   DEVELOPMENT ONLY: the device key sits in plain flash and the managed signer takes 10-35 s per segment (docs/boards.md)"
            : "  use:                   production: the device key is generated in the secure element and never leaves it");
        o.WriteLine($"  quirks:                {b.Quirks}");
    }
}

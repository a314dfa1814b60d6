using System.CommandLine;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent board show NAME`: one board's profile in full.</summary>
public sealed class BoardShowCommand : Verb
{
    private readonly Option<string> _board = CliOptions.Board("the board profile to show ('camagent board list')");
    private readonly Option<string> _boards = CliOptions.Boards();

    public override string Name => "board show";

    public override string Summary => "Show a board's pins, memory, nanoff target and quirks.";

    public override string Details => """
        Prints the validated profile: nanoff target, flash and PSRAM, SD card wiring, status LED pin
        and polarity, secure element bus and address, and known quirks (how to enter the bootloader).
        """;

    public override string ExitCodeText => "0 shown; 2 usage; 3 the profile is invalid (every problem is listed); 8 no such board.";

    public override IReadOnlyList<string> Examples => ["camagent board show --board ai-thinker-esp32-cam"];

    protected override IEnumerable<Option> Options => [_board, _boards];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string name = parse.GetValue(_board)!;
        PkiResult<BoardValidation> loaded = BoardFolder.Catalog(parse.GetValue(_boards)).Load(name);
        if (!loaded.Ok)
        {
            return PkiExit.Report(Name, loaded, context);
        }

        if (!loaded.Value!.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: the profile '{name}' is invalid:");
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

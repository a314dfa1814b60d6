namespace CamAgent.Provisioning.Boards;

/// <summary>
/// A validated board profile (boards/*.json; schema "camagent-board/1", documented in docs/boards.md).
/// Pins are GPIO numbers; -1 means "not present". Read with <see cref="BoardProfileReader"/>.
/// </summary>
public sealed class BoardProfile
{
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public required string Soc { get; init; }
    public required string NanoffTarget { get; init; }
    public required int FlashSizeMiB { get; init; }
    public required int PsramSizeMiB { get; init; }
    public required string PsramMode { get; init; }
    public required string SerialInterface { get; init; }
    public required string SdMode { get; init; }
    public int SdClkPin { get; init; } = -1;
    public int SdCmdPin { get; init; } = -1;
    public int SdD0Pin { get; init; } = -1;
    public int SdSpiSckPin { get; init; } = -1;
    public int SdSpiMisoPin { get; init; } = -1;
    public int SdSpiMosiPin { get; init; } = -1;
    public int SdSpiCsPin { get; init; } = -1;
    public required int StatusLedPin { get; init; }
    public required bool StatusLedActiveLow { get; init; }
    public required string SecureElement { get; init; }
    public int SeI2cSdaPin { get; init; } = -1;
    public int SeI2cSclPin { get; init; } = -1;

    /// <summary>7-bit I2C address of the secure element; -1 without one.</summary>
    public int SeI2cAddress { get; init; } = -1;

    public required string Quirks { get; init; }

    /// <summary>The original JSON text (what goes into a device bundle, byte for byte).</summary>
    public required string Json { get; init; }
}

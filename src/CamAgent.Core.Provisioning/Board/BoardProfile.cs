namespace CamAgent.Core.Board
{
    /// <summary>
    /// A board profile (docs/boards.md, schema camagent-board/1): every field of the format, one
    /// type for the device (which acts on the SD card, status LED and secure element wiring) and
    /// the agency's tools (which also flash and document the board). Only
    /// <see cref="BoardProfileReader"/> creates one. Pins and numbers absent from the profile are -1.
    /// </summary>
    public sealed class BoardProfile
    {
        public const string Schema = "camagent-board/1";
        public const string SdModeSdmmc1Bit = "sdmmc-1bit";
        public const string SdModeSpi = "spi";
        public const string SecureElementNone = "none";
        public const string SecureElementAtecc608 = "atecc608";
        public const int NoPin = -1;

        internal BoardProfile()
        {
            SdClkPin = NoPin;
            StatusLedPin = NoPin;
            SdCmdPin = NoPin;
            SdD0Pin = NoPin;
            SdSpiSckPin = NoPin;
            SdSpiMisoPin = NoPin;
            SdSpiMosiPin = NoPin;
            SdSpiCsPin = NoPin;
            SeI2cSdaPin = NoPin;
            SeI2cSclPin = NoPin;
            SeI2cAddress = NoPin;
            FlashSizeMiB = NoPin;
            PsramSizeMiB = NoPin;
        }

        /// <summary>The "schema" field as written (<see cref="Schema"/> for a profile the device accepts).</summary>
        public string SchemaName { get; internal set; }

        /// <summary>Human-readable board name.</summary>
        public string DisplayName { get; internal set; }

        /// <summary>nanoff's firmware target for the board (informational on the device).</summary>
        public string NanoffTarget { get; internal set; }

        public int FlashSizeMiB { get; internal set; }

        public int PsramSizeMiB { get; internal set; }

        /// <summary>"none", "quad" or "octal".</summary>
        public string PsramMode { get; internal set; }

        /// <summary>How the board's serial port is reached for flashing.</summary>
        public string SerialInterface { get; internal set; }

        /// <summary>Free text: why the profile is as it is.</summary>
        public string Quirks { get; internal set; }

        /// <summary>The board's name (the profile's file name without .json).</summary>
        public string Name { get; internal set; }

        /// <summary>"esp32" or "esp32s3".</summary>
        public string Soc { get; internal set; }

        /// <summary><see cref="SdModeSdmmc1Bit"/> or <see cref="SdModeSpi"/>.</summary>
        public string SdMode { get; internal set; }

        public int SdClkPin { get; internal set; }

        public int SdCmdPin { get; internal set; }

        public int SdD0Pin { get; internal set; }

        public int SdSpiSckPin { get; internal set; }

        public int SdSpiMisoPin { get; internal set; }

        public int SdSpiMosiPin { get; internal set; }

        public int SdSpiCsPin { get; internal set; }

        public int StatusLedPin { get; internal set; }

        /// <summary>True when the LED lights with the pin driven low.</summary>
        public bool StatusLedActiveLow { get; internal set; }

        /// <summary><see cref="SecureElementNone"/> or <see cref="SecureElementAtecc608"/>.</summary>
        public string SecureElement { get; internal set; }

        public int SeI2cSdaPin { get; internal set; }

        public int SeI2cSclPin { get; internal set; }

        /// <summary>7-bit I2C address of the secure element, or -1 without one.</summary>
        public int SeI2cAddress { get; internal set; }

        /// <summary>True when the device key lives in an ATECC608 on the board.</summary>
        public bool HasSecureElement
        {
            get { return SecureElement == SecureElementAtecc608; }
        }
    }
}

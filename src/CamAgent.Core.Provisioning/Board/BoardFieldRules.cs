namespace CamAgent.Core.Board
{
    /// <summary>
    /// Stores each board profile field into the profile once its JSON type matches
    /// <see cref="BoardFields"/>, and holds the value rules for the fields the device acts on
    /// (docs/boards.md). The agency's validator applies fuller rules to the same profile.
    /// </summary>
    internal static class BoardFieldRules
    {
        private const int MaxGpio = 48;
        private const int MaxI2cAddress = 127;

        /// <summary>
        /// Stores the reader's current member (field <paramref name="index"/>); false if its JSON type
        /// is wrong. Every integer of the format (sizes, pins, an address) is non-negative, so a
        /// negative one is refused here and -1 can only mean "absent".
        /// </summary>
        public static bool Store(FlatJsonReader r, int index, BoardProfile p)
        {
            if (r.Kind != BoardFields.KindOf(index) || (r.Kind == JsonValueKind.Integer && r.IntegerValue < 0))
            {
                return false;
            }

            if (r.Kind == JsonValueKind.Integer)
            {
                StoreInteger(r.Name, r.IntegerValue, p);
            }
            else if (r.Kind == JsonValueKind.Boolean)
            {
                p.StatusLedActiveLow = r.BooleanValue;
            }
            else
            {
                StoreString(r.Name, r.StringValue, p);
            }

            return true;
        }

        /// <summary>The first field whose value the device cannot act on, or "" when every value is usable.</summary>
        public static string FirstBadValue(BoardProfile p)
        {
            if (p.Name.Length == 0)
            {
                return "name";
            }

            if (p.Soc != "esp32" && p.Soc != "esp32s3")
            {
                return "soc";
            }

            if (p.SdMode != BoardProfile.SdModeSpi && p.SdMode != BoardProfile.SdModeSdmmc1Bit)
            {
                return "sdMode";
            }

            if (p.SecureElement != BoardProfile.SecureElementNone && p.SecureElement != BoardProfile.SecureElementAtecc608)
            {
                return "secureElement";
            }

            return FirstBadPin(p);
        }

        private static string FirstBadPin(BoardProfile p)
        {
            for (int i = 0; i < BoardFields.Count; i++)
            {
                string name = BoardFields.NameOf(i);
                int value = IntegerOf(name, p);
                bool isPin = name.EndsWith("Pin");
                if (isPin && value > MaxGpio)
                {
                    return name;
                }
            }

            bool address = p.SeI2cAddress == BoardProfile.NoPin || (p.SeI2cAddress > 0 && p.SeI2cAddress <= MaxI2cAddress);
            return address ? string.Empty : "seI2cAddress";
        }

        private static void StoreString(string name, string value, BoardProfile p)
        {
            switch (name)
            {
                case "schema": p.SchemaName = value; break;
                case "name": p.Name = value; break;
                case "displayName": p.DisplayName = value; break;
                case "soc": p.Soc = value; break;
                case "nanoffTarget": p.NanoffTarget = value; break;
                case "psramMode": p.PsramMode = value; break;
                case "serialInterface": p.SerialInterface = value; break;
                case "sdMode": p.SdMode = value; break;
                case "secureElement": p.SecureElement = value; break;
                default: p.Quirks = value; break;
            }
        }

        private static void StoreInteger(string name, int value, BoardProfile p)
        {
            switch (name)
            {
                case "flashSizeMiB": p.FlashSizeMiB = value; break;
                case "psramSizeMiB": p.PsramSizeMiB = value; break;
                case "sdClkPin": p.SdClkPin = value; break;
                case "sdCmdPin": p.SdCmdPin = value; break;
                case "sdD0Pin": p.SdD0Pin = value; break;
                case "sdSpiSckPin": p.SdSpiSckPin = value; break;
                case "sdSpiMisoPin": p.SdSpiMisoPin = value; break;
                case "sdSpiMosiPin": p.SdSpiMosiPin = value; break;
                case "sdSpiCsPin": p.SdSpiCsPin = value; break;
                case "statusLedPin": p.StatusLedPin = value; break;
                case "seI2cSdaPin": p.SeI2cSdaPin = value; break;
                case "seI2cSclPin": p.SeI2cSclPin = value; break;
                default: p.SeI2cAddress = value; break;
            }
        }

        private static int IntegerOf(string name, BoardProfile p)
        {
            switch (name)
            {
                case "sdClkPin": return p.SdClkPin;
                case "sdCmdPin": return p.SdCmdPin;
                case "sdD0Pin": return p.SdD0Pin;
                case "sdSpiSckPin": return p.SdSpiSckPin;
                case "sdSpiMisoPin": return p.SdSpiMisoPin;
                case "sdSpiMosiPin": return p.SdSpiMosiPin;
                case "sdSpiCsPin": return p.SdSpiCsPin;
                case "statusLedPin": return p.StatusLedPin;
                case "seI2cSdaPin": return p.SeI2cSdaPin;
                case "seI2cSclPin": return p.SeI2cSclPin;
                default: return BoardProfile.NoPin;
            }
        }
    }
}

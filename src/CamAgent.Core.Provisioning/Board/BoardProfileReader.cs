namespace CamAgent.Core.Board
{
    /// <summary>
    /// Reads a board profile (docs/boards.md) on the device. The profile reaches the device inside
    /// the agency-signed device bundle (docs/device-bundle.md, payload key 4), already validated in
    /// full by the agency's CLI; the device re-checks structure, field names and types, the fields
    /// it acts on and their mode rules, and refuses anything else rather than guess.
    /// </summary>
    public static class BoardProfileReader
    {
        private static readonly string[] KnownFields = new string[]
        {
            "schema", "name", "displayName", "soc", "nanoffTarget", "flashSizeMiB", "psramSizeMiB",
            "psramMode", "serialInterface", "sdMode", "sdClkPin", "sdCmdPin", "sdD0Pin", "sdSpiSckPin",
            "sdSpiMisoPin", "sdSpiMosiPin", "sdSpiCsPin", "statusLedPin", "statusLedActiveLow",
            "secureElement", "seI2cSdaPin", "seI2cSclPin", "seI2cAddress", "quirks",
        };

        private const int MaxGpio = 48;
        private const int MaxI2cAddress = 127;

        /// <summary>
        /// Parses <paramref name="count"/> UTF-8 bytes of <paramref name="json"/>. On
        /// <see cref="BoardStatus.Ok"/>, <paramref name="profile"/> is set; otherwise it is null and
        /// <paramref name="field"/> names the offending field ("" for malformed JSON).
        /// </summary>
        public static BoardStatus Read(byte[] json, int offset, int count, out BoardProfile profile, out string field)
        {
            profile = null;
            field = string.Empty;
            FlatJsonReader reader = new FlatJsonReader();
            reader.Begin(json, offset, count);
            bool[] seen = new bool[KnownFields.Length];
            BoardProfile result = new BoardProfile();
            string schema = null;
            while (reader.Next())
            {
                field = reader.Name;
                int index = IndexOf(reader.Name);
                if (index < 0)
                {
                    return BoardStatus.UnknownField;
                }

                if (seen[index])
                {
                    return BoardStatus.DuplicateField;
                }

                seen[index] = true;
                if (!BoardFieldRules.Apply(reader, result, ref schema))
                {
                    return BoardStatus.InvalidValue;
                }
            }

            if (reader.IsMalformed)
            {
                field = string.Empty;
                return BoardStatus.MalformedJson;
            }

            BoardStatus status = CheckWhole(result, schema, out field);
            if (status == BoardStatus.Ok)
            {
                profile = result;
            }

            return status;
        }

        private static BoardStatus CheckWhole(BoardProfile p, string schema, out string field)
        {
            field = "schema";
            if (schema == null)
            {
                return BoardStatus.MissingField;
            }

            if (schema != BoardProfile.Schema)
            {
                return BoardStatus.UnsupportedSchema;
            }

            field = MissingRequired(p);
            if (field.Length > 0)
            {
                return BoardStatus.MissingField;
            }

            field = BadModeField(p);
            return field.Length > 0 ? BoardStatus.InvalidValue : BoardStatus.Ok;
        }

        private static string MissingRequired(BoardProfile p)
        {
            if (p.Name == null)
            {
                return "name";
            }

            if (p.Soc == null)
            {
                return "soc";
            }

            if (p.SdMode == null)
            {
                return "sdMode";
            }

            if (p.StatusLedPin == BoardProfile.NoPin)
            {
                return "statusLedPin";
            }

            return p.SecureElement == null ? "secureElement" : string.Empty;
        }

        private static string BadModeField(BoardProfile p)
        {
            bool spi = p.SdMode == BoardProfile.SdModeSpi;
            bool spiPins = p.SdSpiSckPin >= 0 && p.SdSpiMisoPin >= 0 && p.SdSpiMosiPin >= 0 && p.SdSpiCsPin >= 0;
            bool anySpiPin = p.SdSpiSckPin >= 0 || p.SdSpiMisoPin >= 0 || p.SdSpiMosiPin >= 0 || p.SdSpiCsPin >= 0;
            bool mmcPins = p.SdClkPin >= 0 && p.SdCmdPin >= 0 && p.SdD0Pin >= 0;
            bool anyMmcPin = p.SdClkPin >= 0 || p.SdCmdPin >= 0 || p.SdD0Pin >= 0;
            if (spi ? !spiPins || anyMmcPin : !mmcPins || anySpiPin)
            {
                return "sdMode";
            }

            bool se = p.HasSecureElement;
            bool sePins = p.SeI2cSdaPin >= 0 && p.SeI2cSclPin >= 0 && p.SeI2cAddress >= 0;
            bool anySePin = p.SeI2cSdaPin >= 0 || p.SeI2cSclPin >= 0 || p.SeI2cAddress >= 0;
            return (se ? sePins : !anySePin) ? string.Empty : "secureElement";
        }

        private static int IndexOf(string name)
        {
            for (int i = 0; i < KnownFields.Length; i++)
            {
                if (KnownFields[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether <paramref name="pin"/> can be a GPIO number on the supported SoCs.</summary>
        internal static bool IsGpio(int pin)
        {
            return pin >= 0 && pin <= MaxGpio;
        }

        internal static bool IsI2cAddress(int address)
        {
            return address > 0 && address <= MaxI2cAddress;
        }
    }
}

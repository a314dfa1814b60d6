namespace CamAgent.Core.Board
{
    /// <summary>
    /// Reads a board profile (docs/boards.md). On the device the profile arrives inside the
    /// agency-signed device bundle (docs/device-bundle.md, payload key 4), already validated in
    /// full by the agency's CLI; the device re-checks structure, field names and types
    /// (<see cref="BoardFields"/>), the values it acts on and their mode rules, and refuses
    /// anything else rather than guess. The agency's validator decodes through
    /// <see cref="Decode"/> and applies its fuller rules to the same profile type.
    /// </summary>
    public static class BoardProfileReader
    {
        /// <summary>
        /// Parses <paramref name="count"/> UTF-8 bytes of <paramref name="json"/> and checks everything
        /// the device relies on. On <see cref="BoardStatus.Ok"/>, <paramref name="profile"/> is set;
        /// otherwise it is null and <paramref name="field"/> names the offending field ("" for malformed JSON).
        /// </summary>
        public static BoardStatus Read(byte[] json, int offset, int count, out BoardProfile profile, out string field)
        {
            BoardProfile decoded;
            BoardStatus status = Decode(json, offset, count, out decoded, out field);
            profile = null;
            if (status != BoardStatus.Ok)
            {
                return status;
            }

            status = CheckValues(decoded, out field);
            if (status == BoardStatus.Ok)
            {
                profile = decoded;
            }

            return status;
        }

        /// <summary>
        /// The structural half of <see cref="Read"/>: one flat JSON object, known fields only, each
        /// once, each of its type, every required field present. Values are stored, not judged.
        /// </summary>
        public static BoardStatus Decode(byte[] json, int offset, int count, out BoardProfile profile, out string field)
        {
            profile = null;
            field = string.Empty;
            FlatJsonReader reader = new FlatJsonReader();
            reader.Begin(json, offset, count);
            bool[] seen = new bool[BoardFields.Count];
            BoardProfile result = new BoardProfile();
            while (reader.Next())
            {
                field = reader.Name;
                int index = BoardFields.IndexOf(reader.Name);
                if (index < 0)
                {
                    return BoardStatus.UnknownField;
                }

                if (seen[index])
                {
                    return BoardStatus.DuplicateField;
                }

                seen[index] = true;
                if (!BoardFieldRules.Store(reader, index, result))
                {
                    return BoardStatus.InvalidValue;
                }
            }

            if (reader.IsMalformed)
            {
                field = string.Empty;
                return BoardStatus.MalformedJson;
            }

            field = FirstMissing(seen);
            if (field.Length > 0)
            {
                return BoardStatus.MissingField;
            }

            profile = result;
            return BoardStatus.Ok;
        }

        private static BoardStatus CheckValues(BoardProfile p, out string field)
        {
            field = "schema";
            if (p.SchemaName != BoardProfile.Schema)
            {
                return BoardStatus.UnsupportedSchema;
            }

            field = BoardFieldRules.FirstBadValue(p);
            if (field.Length == 0)
            {
                field = BadModeField(p);
            }

            return field.Length > 0 ? BoardStatus.InvalidValue : BoardStatus.Ok;
        }

        private static string FirstMissing(bool[] seen)
        {
            for (int i = 0; i < seen.Length; i++)
            {
                if (!seen[i] && BoardFields.IsRequired(i))
                {
                    return BoardFields.NameOf(i);
                }
            }

            return string.Empty;
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
    }
}

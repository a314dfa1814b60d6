namespace CamAgent.Core.Board
{
    /// <summary>Type and range rules for each board profile field the device acts on (docs/boards.md).</summary>
    internal static class BoardFieldRules
    {
        /// <summary>Stores the reader's current member into <paramref name="p"/>; false if its type or value is wrong.</summary>
        public static bool Apply(FlatJsonReader r, BoardProfile p, ref string schema)
        {
            switch (r.Name)
            {
                case "schema": schema = r.StringValue; return r.Kind == JsonValueKind.String;
                case "name": p.Name = r.StringValue; return r.Kind == JsonValueKind.String && r.StringValue.Length > 0;
                case "soc": p.Soc = r.StringValue; return r.Kind == JsonValueKind.String && (r.StringValue == "esp32" || r.StringValue == "esp32s3");
                case "sdMode": p.SdMode = r.StringValue; return r.Kind == JsonValueKind.String && (r.StringValue == BoardProfile.SdModeSpi || r.StringValue == BoardProfile.SdModeSdmmc1Bit);
                case "secureElement": p.SecureElement = r.StringValue; return r.Kind == JsonValueKind.String && (r.StringValue == BoardProfile.SecureElementNone || r.StringValue == BoardProfile.SecureElementAtecc608);
                case "statusLedActiveLow": p.StatusLedActiveLow = r.BooleanValue; return r.Kind == JsonValueKind.Boolean;
                case "seI2cAddress": p.SeI2cAddress = r.IntegerValue; return r.Kind == JsonValueKind.Integer && BoardProfileReader.IsI2cAddress(r.IntegerValue);
                default: return ApplyPin(r, p) || ApplyInformational(r);
            }
        }

        private static bool ApplyPin(FlatJsonReader r, BoardProfile p)
        {
            if (r.Kind != JsonValueKind.Integer || !BoardProfileReader.IsGpio(r.IntegerValue))
            {
                return false;
            }

            int pin = r.IntegerValue;
            switch (r.Name)
            {
                case "sdClkPin": p.SdClkPin = pin; return true;
                case "sdCmdPin": p.SdCmdPin = pin; return true;
                case "sdD0Pin": p.SdD0Pin = pin; return true;
                case "sdSpiSckPin": p.SdSpiSckPin = pin; return true;
                case "sdSpiMisoPin": p.SdSpiMisoPin = pin; return true;
                case "sdSpiMosiPin": p.SdSpiMosiPin = pin; return true;
                case "sdSpiCsPin": p.SdSpiCsPin = pin; return true;
                case "statusLedPin": p.StatusLedPin = pin; return true;
                case "seI2cSdaPin": p.SeI2cSdaPin = pin; return true;
                case "seI2cSclPin": p.SeI2cSclPin = pin; return true;
                default: return false;
            }
        }

        /// <summary>Fields the device does not act on (flashing and documentation): only their JSON type is checked.</summary>
        private static bool ApplyInformational(FlatJsonReader r)
        {
            switch (r.Name)
            {
                case "flashSizeMiB":
                case "psramSizeMiB":
                    return r.Kind == JsonValueKind.Integer;
                case "displayName":
                case "nanoffTarget":
                case "psramMode":
                case "serialInterface":
                case "quirks":
                    return r.Kind == JsonValueKind.String;
                default:
                    return false;
            }
        }
    }
}

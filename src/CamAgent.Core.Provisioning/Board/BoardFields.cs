namespace CamAgent.Core.Board
{
    /// <summary>
    /// The one field list of the board profile format (docs/boards.md, schema camagent-board/1):
    /// every field's name, JSON type and whether the format requires it. The device's reader and
    /// the agency's validator (CamAgent.Provisioning) both read a profile through this table, so a
    /// field cannot be known to one and unknown to the other.
    /// </summary>
    public static class BoardFields
    {
        private static readonly string[] Names = new string[]
        {
            "schema", "name", "displayName", "soc", "nanoffTarget", "flashSizeMiB", "psramSizeMiB",
            "psramMode", "serialInterface", "sdMode", "sdClkPin", "sdCmdPin", "sdD0Pin", "sdSpiSckPin",
            "sdSpiMisoPin", "sdSpiMosiPin", "sdSpiCsPin", "statusLedPin", "statusLedActiveLow",
            "secureElement", "seI2cSdaPin", "seI2cSclPin", "seI2cAddress", "quirks",
        };

        private static readonly JsonValueKind[] Kinds = new JsonValueKind[]
        {
            JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String,
            JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String,
            JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Integer,
            JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Boolean, JsonValueKind.String,
            JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.Integer, JsonValueKind.String,
        };

        // The SD pins and the secure element's are required only in the modes that use them (BoardProfileReader).
        private static readonly bool[] Required = new bool[]
        {
            true, true, true, true, true, true, true, true, true, true,
            false, false, false, false, false, false, false, true, true, true,
            false, false, false, true,
        };

        /// <summary>The number of fields.</summary>
        public static int Count
        {
            get { return Names.Length; }
        }

        /// <summary>The field's index, or -1 for a name the format does not have.</summary>
        public static int IndexOf(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        public static string NameOf(int index)
        {
            return Names[index];
        }

        public static JsonValueKind KindOf(int index)
        {
            return Kinds[index];
        }

        /// <summary>True when every profile must carry the field.</summary>
        public static bool IsRequired(int index)
        {
            return Required[index];
        }
    }
}

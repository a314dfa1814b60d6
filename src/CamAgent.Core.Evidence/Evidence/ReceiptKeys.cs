namespace CamAgent.Core.Evidence
{
    /// <summary>CBOR map keys of the receipt (docs/evidence-format.md §6), all present, ascending. Never renumber.</summary>
    public static class ReceiptKeys
    {
        public const int Version = 1;
        public const int DeviceId = 2;
        public const int Sequence = 3;
        public const int ContentLength = 4;
        public const int ContentDigest = 5;
        public const int ManifestDigest = 6;
        public const int ServerTimeMs = 7;
        public const int UploadId = 8;

        /// <summary>Number of keys; a receipt map has exactly this many entries.</summary>
        public const int Count = 8;
    }
}

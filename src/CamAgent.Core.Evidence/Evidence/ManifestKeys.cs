namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// CBOR map keys of the manifest (docs/evidence-format.md §3.1). Every key is present in
    /// every manifest, in this ascending order. Values are part of the format; never renumber.
    /// </summary>
    public static class ManifestKeys
    {
        public const int Version = 1;
        public const int Kind = 2;
        public const int Event = 3;
        public const int DeviceId = 4;
        public const int Sequence = 5;
        public const int BootCount = 6;
        public const int RecordingId = 7;
        public const int ContentLength = 8;
        public const int ChunkSize = 9;
        public const int ContentDigest = 10;
        public const int PreviousRecordDigest = 11;
        public const int SignerKind = 12;
        public const int WallStartMs = 13;
        public const int WallEndMs = 14;
        public const int MonotonicStartMs = 15;
        public const int MonotonicEndMs = 16;
        public const int ClockState = 17;
        public const int LastSyncAgeMs = 18;
        public const int UncertaintyMs = 19;
        public const int TimeFloorMs = 20;
        public const int Truncated = 21;
        public const int LastReceiptDigest = 22;
        public const int EventDetail = 23;

        /// <summary>Number of keys; a manifest map has exactly this many entries.</summary>
        public const int Count = 23;
    }
}

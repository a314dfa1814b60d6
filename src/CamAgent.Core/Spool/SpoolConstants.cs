namespace CamAgent.Core.Spool
{
    /// <summary>Limits and defaults of the spool, with the reason for each value.</summary>
    public static class SpoolConstants
    {
        /// <summary>Sequence number of a device's first record (docs/evidence-format.md §1: the chain starts at 0).</summary>
        public const long FirstSequence = 0;

        /// <summary>
        /// Records (sealed, uploading or receipted) the spool tracks at once. 128 one-minute
        /// segments cover two hours offline; beyond that finished segments wait, unsealed but
        /// safe, in the recorder's directory. Costs 23 bytes of RAM per record.
        /// </summary>
        public const int MaxLiveRecords = 128;

        /// <summary>
        /// Largest manifest (COSE_Sign1) kept: a P-256 device certificate (about 600 bytes DER),
        /// the CBOR manifest (about 400) and the signature (64), with room to spare.
        /// </summary>
        public const int MaxManifestBytes = 2048;

        /// <summary>Largest receipt kept: the server certificate chain dominates, as for manifests.</summary>
        public const int MaxReceiptBytes = 2048;

        /// <summary>Largest chain state (opaque to the spool; the evidence sealer defines it: digest, counters).</summary>
        public const int MaxChainStateBytes = 128;

        /// <summary>
        /// Default low-space threshold: 64 MiB, about one minute of 8 Mbit/s video, so the segment
        /// being recorded when the alarm rises can still be finished.
        /// </summary>
        public const long DefaultLowFreeBytes = 64L * 1024 * 1024;

        /// <summary>
        /// Default critical threshold: 1 MiB keeps room for the spool's own writes (a journal
        /// generation and a receipt each take one cluster, at most 64 KiB on SDXC) so receipts can
        /// still be committed and space freed.
        /// </summary>
        public const long DefaultCriticalFreeBytes = 1024L * 1024;
    }
}

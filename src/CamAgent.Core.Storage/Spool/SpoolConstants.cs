using CamAgent.Core.Evidence;

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

        /// <summary>Largest manifest kept: a whole sealed record (COSE_Sign1 with the device certificate), as the evidence format bounds it.</summary>
        public const int MaxManifestBytes = EvidenceLimits.MaxRecordBytes;

        /// <summary>Largest receipt kept: a whole receipt record (COSE_Sign1 with the server certificate).</summary>
        public const int MaxReceiptBytes = EvidenceLimits.MaxReceiptRecordBytes;

        /// <summary>Largest chain state (opaque to the spool; the evidence format's ChainState encodes in at most 48 bytes: 64 leaves room for a field more).</summary>
        public const int MaxChainStateBytes = 64;

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

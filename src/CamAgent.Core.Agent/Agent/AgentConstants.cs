namespace CamAgent.Core.Agent
{
    /// <summary>The agent loop's numbers, each with the reason for its value.</summary>
    public static class AgentConstants
    {
        /// <summary>
        /// Continuity events waiting to be sealed. Sealing one needs no network and takes one
        /// signature, so the queue drains within a few steps; 8 covers a burst (power-loss
        /// recovery, clock sync, recording start, storage alarm) with room to spare.
        /// </summary>
        public const int ContinuityQueueCapacity = 8;

        /// <summary>How often free space is measured, ms. A directory scan on FAT is not free; 10 s is far shorter than one segment.</summary>
        public const int StorageCheckIntervalMs = 10000;

        /// <summary>Longest wait the loop asks for when nothing is due, ms: new segments are noticed within a second.</summary>
        public const int IdleWaitMs = 1000;

        /// <summary>
        /// Upload progress is journalled every this many acknowledged bytes (1 MiB): one journal
        /// write per 64 chunks keeps flash wear low, and a resume asks the server (HEAD) anyway.
        /// </summary>
        public const long ProgressJournalIntervalBytes = 1048576;

        /// <summary>Wait after a storage or signer failure before sealing is tried again, ms.</summary>
        public const int SealRetryMs = 5000;

        /// <summary>
        /// The upload client's content buffer, bytes. PATCH bodies are streamed through it, so its
        /// size sets only the write granularity, not the number of requests; 8 KiB keeps TLS records
        /// well filled while leaving the agent inside its 48 KiB budget next to the sealer's 16 KiB
        /// digest block.
        /// </summary>
        public const int UploadBufferBytes = 8192;

        /// <summary>
        /// Back-to-back attempts at declaring the recorder restarted at boot. A busy card answers
        /// the next call; a declaration made later is unsafe (the recorder may have opened a new
        /// file by then), so the attempts follow each other at once and three cover a transient
        /// error without holding the boot.
        /// </summary>
        public const int HandOffAttempts = 3;

        /// <summary>
        /// Records quarantined in a row, with no receipt between them, after which a further
        /// record-specific refusal is taken as the device's: a fault every record has (a wiped card
        /// whose sequence numbers the server already holds, a signer that signs wrongly) must
        /// raise the alarm for a person, not move the whole queue into quarantine. Three tells a
        /// run from a single bad record and the one record after it whose link names it.
        /// </summary>
        public const int MaxConsecutiveQuarantines = 3;

        /// <summary>Record name of the boot counter in <see cref="CamAgent.Core.Platform.IRecordSlots"/>.</summary>
        public const string BootCounterRecord = "bootcount";
    }
}

using System;
using CamAgent.Core.Evidence;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// Turns what <see cref="Spool.Recover"/> found into the power-loss-recovery continuity record
    /// the device seals first after a power loss (docs/evidence-format.md §5.1). Sequence numbers
    /// whose commit was cut are never reused and were never published, so the record declares
    /// them: its event detail counts them, and they are exactly the numbers right before its own.
    /// Its previous-record digest stays the digest of the last committed record, which is what
    /// lets a verifier accept the gap and nothing else.
    /// </summary>
    public static class RecoveryRecord
    {
        /// <summary>
        /// Prepares <paramref name="record"/> and <paramref name="chain"/> for
        /// <see cref="Sealer.SealContinuity"/>. Call after <see cref="Spool.Recover"/> and
        /// <see cref="Spool.ReserveSequence"/>, before any other record is sealed.
        /// </summary>
        /// <param name="report">The report <see cref="Spool.Recover"/> filled.</param>
        /// <param name="sequence">The number <see cref="Spool.ReserveSequence"/> returned.</param>
        /// <param name="chain">
        /// The chain state committed with the newest record (decoded from
        /// <see cref="Spool.CopyChainState"/>; a new state when there is none). Moved forward in place
        /// past the skipped numbers; its previous-record digest is kept.
        /// </param>
        /// <param name="record">
        /// The record with the caller's times, boot count and recording id; kind, event and event
        /// detail are set here.
        /// </param>
        /// <exception cref="InvalidOperationException">
        /// The chain state, report and reservation do not describe the same point of the chain
        /// (a caller bug: sealing with them would leave an unexplained gap).
        /// </exception>
        public static void Prepare(RecoveryReport report, long sequence, ChainState chain, Manifest record)
        {
            CheckArguments(report, chain, record);
            long firstUnsigned = chain.NextSequence;
            long skippedCount = report.SkippedCount;
            if (skippedCount > 0 && report.SkippedFromSequence != firstUnsigned)
            {
                throw new InvalidOperationException("the chain state is not the one committed with the newest record");
            }

            if (sequence != firstUnsigned + skippedCount)
            {
                throw new InvalidOperationException("the reserved sequence does not follow the skipped numbers");
            }

            chain.Set(sequence, chain.PreviousRecordDigest, 0);
            record.Kind = CamAgent.Core.Evidence.RecordKind.Continuity;
            record.Event = ContinuityEvent.PowerLossRecovery;
            record.EventDetail = skippedCount;
            record.ContentLength = 0;
            record.Truncated = false;
        }

        private static void CheckArguments(RecoveryReport report, ChainState chain, Manifest record)
        {
            if (report == null)
            {
                throw new ArgumentNullException("report");
            }

            if (chain == null)
            {
                throw new ArgumentNullException("chain");
            }

            if (record == null)
            {
                throw new ArgumentNullException("record");
            }

            if (report.SkippedCount < 0)
            {
                throw new ArgumentException("report");
            }
        }
    }
}

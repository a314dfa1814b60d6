namespace CamAgent.Core.Evidence
{
    /// <summary>Outcomes of sealing a record. On anything but Ok the chain state is unchanged.</summary>
    public enum SealStatus
    {
        Ok = 0,

        /// <summary>The output buffer cannot hold the record; see <see cref="Sealer.MaxRecordBytes"/>.</summary>
        BufferTooSmall = 1,

        /// <summary>The signer failed; see <see cref="Sealer.LastSignerStatus"/>. Nothing was sealed.</summary>
        SignerFailed = 2,

        /// <summary>Reading the segment failed (I/O error); nothing was sealed.</summary>
        ReadFailed = 3,

        /// <summary>The segment is longer than <see cref="EvidenceLimits.MaxContentLengthBytes"/>.</summary>
        ContentTooLong = 4,

        /// <summary>The caller's fields break a rule of the format (e.g. end before start).</summary>
        InvalidFields = 5,

        /// <summary>The chain has used up the sequence space.</summary>
        SequenceExhausted = 6,
    }
}

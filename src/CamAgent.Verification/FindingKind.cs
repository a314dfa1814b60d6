namespace CamAgent.Verification;

/// <summary>
/// What the verifier found (docs/evidence-format.md §7 defines each precisely).
/// Names are stable: they appear in the JSON report.
/// </summary>
public enum FindingKind
{
    /// <summary>A record file that is not well-formed COSE_Sign1 or whose manifest breaks the format rules.</summary>
    MalformedRecord,

    /// <summary>The signer certificate does not chain to the agency CA, is not a device certificate, or was not valid when used.</summary>
    BadCertificate,

    /// <summary>The ES256 signature does not verify with the signer certificate's key.</summary>
    BadSignature,

    /// <summary>The device id in the manifest differs from the certificate CN or the device folder.</summary>
    IdentityMismatch,

    /// <summary>The content does not match the manifest's length and digest.</summary>
    ContentMismatch,

    /// <summary>The content file is shorter than the manifest says: the segment was cut.</summary>
    Truncated,

    /// <summary>A segment's content file is absent.</summary>
    ContentMissing,

    /// <summary>No record at all for a sequence number inside the chain.</summary>
    Missing,

    /// <summary>A record stored under another record's sequence number (records swapped or moved).</summary>
    Reordered,

    /// <summary>A byte-identical copy of a record stored under a second sequence number.</summary>
    Duplicated,

    /// <summary>The record stored for a sequence number is not the one its successor was chained to.</summary>
    Forked,

    /// <summary>The first record of a chain does not start from the all-zero link.</summary>
    BadLink,

    /// <summary>A record whose own sequence number differs from its file name, not explained otherwise.</summary>
    Misfiled,

    /// <summary>Times that contradict each other or the device's own clocks, unexplained by continuity records.</summary>
    TimeAnomaly,

    /// <summary>Recording structure the device should never produce (e.g. a segment outside any recording).</summary>
    ContinuityAnomaly,

    /// <summary>A receipt that does not verify (signature, certificate, format).</summary>
    ReceiptInvalid,

    /// <summary>A valid receipt that is for a different record.</summary>
    ReceiptMismatch,

    /// <summary>No receipt stored for a record.</summary>
    ReceiptMissing,

    /// <summary>A symbolic link or other non-regular file where evidence was expected; never followed.</summary>
    UnsafeFile,

    /// <summary>A file the storage layout does not define, or one over its size limit.</summary>
    UnexpectedFile,

    /// <summary>A legitimate event the report explains (recording start/stop, power loss, clock step...).</summary>
    Explanation,

    /// <summary>
    /// Sequence numbers with no record that the signed power-loss record right after them declares
    /// skipped (commits cut by the power loss), and that the chain link still bridges. Not an error.
    /// </summary>
    DeclaredGap,

    /// <summary>
    /// The store's audit log records a record (or its receipt) as stored, and the store does not hold
    /// it: evidence was removed after the server stored it.
    /// </summary>
    AuditedRecordMissing,

    /// <summary>The store's audit log is not intact (a line altered, inserted, removed or moved): what it says cannot be relied on past that line.</summary>
    AuditLogBroken,

    /// <summary>
    /// A sequence number with no record that a signed record-quarantined record declares: the
    /// server refused that record and the device keeps it on its card. A warning: the evidence
    /// exists, but not in this store.
    /// </summary>
    Quarantined,
}

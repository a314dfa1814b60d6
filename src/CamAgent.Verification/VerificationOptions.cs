using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Verification;

/// <summary>What to verify against and how strictly.</summary>
public sealed class VerificationOptions
{
    /// <summary>Input size bound for reading: a segment file larger than this is refused unread.</summary>
    public const long DefaultMaxSegmentBytes = Core.Evidence.EvidenceLimits.MaxContentLengthBytes;

    public VerificationOptions(IReadOnlyCollection<X509Certificate2> agencyCertificates)
    {
        ArgumentNullException.ThrowIfNull(agencyCertificates);
        if (agencyCertificates.Count == 0)
        {
            throw new ArgumentException("at least one agency certificate is needed", nameof(agencyCertificates));
        }

        AgencyCertificates = agencyCertificates;
    }

    /// <summary>
    /// The only trust: the agency root CA (self-signed) and its intermediate CAs, such as the
    /// device-issuing CA. Device and receipt certificates must chain to the root through them.
    /// </summary>
    public IReadOnlyCollection<X509Certificate2> AgencyCertificates { get; }

    /// <summary>
    /// The receipt-signing certificate to pin, or null to accept any certificate of the agency
    /// that is not a device certificate (no clientAuth usage).
    /// </summary>
    public X509Certificate2? ReceiptSigner { get; init; }

    /// <summary>
    /// The first sequence number the store is expected to hold (records before it were removed
    /// under a retention policy). Default 0: a store must hold the chain from its start.
    /// </summary>
    public long FirstSequence { get; init; }

    /// <summary>Receipts are expected for every record (an ingest store); a missing one is a warning.</summary>
    public bool ExpectReceipts { get; init; } = true;

    /// <summary>
    /// The ingest server's audit log to compare the store with (<see cref="Audit.AuditCrossCheck"/>),
    /// or null to use the store's own (<c>audit.log</c> beside devices/) when there is one.
    /// </summary>
    public string? AuditLogPath { get; init; }

    /// <summary>
    /// Told after each stored record is checked: the records checked so far and the records in the
    /// input. Called on the verifying thread; null for none.
    /// </summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Largest segment file read; larger ones are refused unread.</summary>
    public long MaxSegmentBytes { get; init; } = DefaultMaxSegmentBytes;
}

using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>
/// What the request handlers share: store, evidence format, audit log, revocation check, limits,
/// clock. <paramref name="LinesCoverStore"/>: an audit line's flush also makes every step the
/// store took before the line was written durable (the filesystem store under group commit,
/// whose audit log joins the store's syncfs rounds), so a decision waits for one flush, not two.
/// </summary>
internal sealed record IngestServices(
    IIngestStore Store,
    IEvidenceFormat Format,
    IAuditLog Audit,
    IRevocationCheck Revocations,
    IngestLimits Limits,
    TimeProvider Time,
    bool LinesCoverStore = false);

using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>What the request handlers share: store, evidence format, audit log, revocation list, limits, free space.</summary>
internal sealed record IngestServices(
    UploadStore Store,
    IEvidenceFormat Format,
    AuditLog Audit,
    RevocationWatcher Revocations,
    IngestLimits Limits,
    TimeProvider Time,
    StorageSpace Space);

using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>What the request handlers share: store, evidence format, audit log, revocation check, limits, clock.</summary>
internal sealed record IngestServices(
    IIngestStore Store,
    IEvidenceFormat Format,
    IAuditLog Audit,
    IRevocationCheck Revocations,
    IngestLimits Limits,
    TimeProvider Time);

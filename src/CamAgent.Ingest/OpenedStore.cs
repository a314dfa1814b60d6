using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>A store opened for serving: uploads and records, the audit log, the revocation check, and how to name it to an operator.</summary>
internal sealed record OpenedStore(IIngestStore Store, IAuditLog Audit, IRevocationCheck Revocations, string Description) : IDisposable
{
    public void Dispose()
    {
        Audit.Dispose();
        Store.Dispose();
    }
}

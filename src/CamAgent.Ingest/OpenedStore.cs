using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>
/// A store opened for serving: uploads and records, the audit log, the revocation check, how to
/// name it to an operator, and whether an audit line's flush also makes the store's earlier steps
/// durable (<see cref="IngestServices.LinesCoverStore"/>).
/// </summary>
internal sealed record OpenedStore(IIngestStore Store, IAuditLog Audit, IRevocationCheck Revocations, string Description, bool LinesCoverStore = false) : IDisposable
{
    public void Dispose()
    {
        Audit.Dispose();
        Store.Dispose();
    }
}

using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest;

/// <summary>
/// Opens the store the configuration names: the filesystem store at storePath (the default), or
/// the cluster store on PostgreSQL and S3 when the configuration has a "cluster" section
/// (docs/ingest-cluster.md). Either way the device CA chain is published into the store and
/// uploads expired while the server was down are audited.
/// </summary>
internal static class StoreOpener
{
    public static OpenedStore Open(IngestOptions options, IEvidenceFormat format, TimeProvider time, X509Certificate2Collection deviceCa)
    {
        OpenedStore opened = options.Cluster is null
            ? OpenFileStore(options, format, time, deviceCa)
            : Cluster.ClusterStoreOpener.Open(options, format, time, deviceCa);
        try
        {
            foreach (string expired in opened.Store.ExpiredAtStart)
            {
                opened.Audit.Append(AuditEntry.Expired(expired));
            }
        }
        catch
        {
            opened.Dispose();
            throw;
        }

        return opened;
    }

    private static OpenedStore OpenFileStore(IngestOptions options, IEvidenceFormat format, TimeProvider time, X509Certificate2Collection deviceCa)
    {
        var layout = new StoreLayout(options.StorePath);
        UploadStore store = UploadStore.Open(layout, format, time, options.Limits);
        StoreIssuers.Publish(layout, deviceCa);
        // The log lives in the store's root: under group commit its lines share the store's flushes.
        AuditLog audit = store.GroupCommit is GroupCommit rounds
            ? AuditLog.Open(layout.AuditLogPath, time, options.Limits.AuditReserveBytes, rounds)
            : AuditLog.Open(layout.AuditLogPath, time, options.Limits.AuditReserveBytes, options.Limits.GroupCommit);
        return new OpenedStore(store, audit, new RevocationWatcher(options.RevocationListPath), options.StorePath, LinesCoverStore: store.GroupCommit is not null);
    }
}

using CamAgent.Verification;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Paths of the evidence store (docs/ingest-server.md §4):
/// devices/&lt;device&gt;/&lt;seq&gt;.manifest.cose, .segment, .receipt.cose (the receipt is
/// written last and marks a complete record); incoming/&lt;upload-id&gt;/ holds unfinished
/// uploads (manifest.cose, data, and receipt.cose once finishing has begun); audit.log.
/// </summary>
public sealed class StoreLayout
{
    public const string ManifestFileName = "manifest.cose";
    public const string DataFileName = "data";
    public const string ReceiptFileName = "receipt.cose";

    /// <summary>Prefix of half-created upload folders; they were never acknowledged and are removed at start.</summary>
    public const string CreatingPrefix = ".creating-";

    public StoreLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string DevicesRoot => Path.Combine(Root, EvidenceStore.DevicesFolder);

    public string IncomingRoot => Path.Combine(Root, "incoming");

    public string AuditLogPath => Path.Combine(Root, AuditLogFormat.FileName);

    public string DeviceDirectory(string deviceId) => Path.Combine(DevicesRoot, deviceId);

    public string StoredManifest(string deviceId, ulong sequence) => StoredFile(deviceId, sequence, EvidenceStore.ManifestSuffix);

    public string StoredSegment(string deviceId, ulong sequence) => StoredFile(deviceId, sequence, EvidenceStore.SegmentSuffix);

    public string StoredReceipt(string deviceId, ulong sequence) => StoredFile(deviceId, sequence, EvidenceStore.ReceiptSuffix);

    public string IncomingDirectory(string uploadId) => Path.Combine(IncomingRoot, uploadId);

    public string IncomingFile(string uploadId, string name) => Path.Combine(IncomingRoot, uploadId, name);

    private string StoredFile(string deviceId, ulong sequence, string suffix)
    {
        return Path.Combine(DevicesRoot, deviceId, UploadId.FormatSequence(sequence) + suffix);
    }
}

using CamAgent.Ingest.Storage;
using CamAgent.Verification;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Object names. The evidence bucket uses the filesystem store's layout (devices/&lt;device&gt;/
/// &lt;seq&gt;.manifest.cose | .segment | .receipt.cose, issuers/), so an export is a plain copy
/// that `camagent verify` reads. Staged pieces are &lt;upload-id&gt;/&lt;offset, 20 digits&gt;-&lt;random&gt;
/// in the staging bucket: a random tail, so a piece a dead node wrote but never registered can
/// never be mistaken for a registered one; all are removed by prefix when the upload ends.
/// </summary>
internal static class ObjectKeys
{
    public static string Manifest(string deviceId, ulong sequence) => Stored(deviceId, sequence, EvidenceStore.ManifestSuffix);

    public static string Segment(string deviceId, ulong sequence) => Stored(deviceId, sequence, EvidenceStore.SegmentSuffix);

    public static string Receipt(string deviceId, ulong sequence) => Stored(deviceId, sequence, EvidenceStore.ReceiptSuffix);

    public static string Issuer(string name) => EvidenceStore.IssuersFolder + "/" + name;

    public static string StagingPrefix(string uploadId) => uploadId + "/";

    public static string Piece(string uploadId, long offsetBytes) =>
        StagingPrefix(uploadId) + UploadId.FormatSequence((ulong)offsetBytes) + "-" + Guid.NewGuid().ToString("N");

    private static string Stored(string deviceId, ulong sequence, string suffix) =>
        EvidenceStore.DevicesFolder + "/" + deviceId + "/" + UploadId.FormatSequence(sequence) + suffix;
}

namespace CamAgent.Ingest.Evidence;

/// <summary>The fields of a receipt (docs/evidence-format.md §6) the server signs once a record is stored.</summary>
/// <param name="DeviceId">Device id of the record.</param>
/// <param name="Sequence">Sequence number of the record.</param>
/// <param name="ContentLengthBytes">Length of the stored content.</param>
/// <param name="ContentDigest">Content digest recomputed by the server (equal to the manifest's).</param>
/// <param name="ManifestHash">SHA-256 of the manifest's COSE_Sign1 bytes.</param>
/// <param name="ServerTimeUnixMs">Server UTC time of storage, milliseconds since the Unix epoch.</param>
/// <param name="UploadId">The tus upload id (device id and sequence).</param>
public sealed record ReceiptFacts(
    string DeviceId,
    ulong Sequence,
    long ContentLengthBytes,
    byte[] ContentDigest,
    byte[] ManifestHash,
    long ServerTimeUnixMs,
    string UploadId);

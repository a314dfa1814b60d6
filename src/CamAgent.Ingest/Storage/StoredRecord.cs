namespace CamAgent.Ingest.Storage;

/// <summary>A record already stored and receipted (its files are in devices/&lt;device&gt;/).</summary>
/// <param name="Manifest">The manifest's COSE_Sign1 bytes.</param>
/// <param name="Receipt">The receipt's COSE_Sign1 bytes.</param>
/// <param name="ContentLengthBytes">Length of the stored content (0 for continuity records).</param>
public sealed record StoredRecord(string UploadId, byte[] Manifest, byte[] Receipt, long ContentLengthBytes);

namespace CamAgent.Ingest.Evidence;

/// <summary>What the server needs from a verified manifest (docs/evidence-format.md).</summary>
/// <param name="DeviceId">Device id written in the manifest; must equal the TLS client certificate's CN.</param>
/// <param name="Sequence">Device-wide record sequence number.</param>
/// <param name="IsSegment">True for a segment manifest, false for a continuity record (no content).</param>
/// <param name="ContentLengthBytes">Length of the content the manifest seals (0 for continuity records).</param>
/// <param name="ChunkSizeBytes">Chunk size of the content digest.</param>
/// <param name="ContentDigest">The 32-byte content digest.</param>
/// <param name="PreviousRecordHash">SHA-256 of the previous record's COSE_Sign1 bytes.</param>
/// <param name="SignerCertificateDer">The device certificate carried in x5chain (DER).</param>
/// <param name="DeclaredSkipped">
/// For a power-loss-recovery record, how many sequence numbers right before it the device declares
/// skipped (docs/evidence-format.md §5.1); 0 for every other record.
/// </param>
public sealed record ManifestFacts(
    string DeviceId,
    ulong Sequence,
    bool IsSegment,
    long ContentLengthBytes,
    int ChunkSizeBytes,
    byte[] ContentDigest,
    byte[] PreviousRecordHash,
    byte[] SignerCertificateDer,
    ulong DeclaredSkipped = 0);

namespace CamAgent.Verification.Tests;

/// <summary>The ways the tamper suite damages a stored chain.</summary>
public enum Tamper
{
    ContentBitFlip,
    ManifestBitFlip,
    SignatureBitFlip,
    ReceiptBitFlip,
    DeleteRecord,
    DeleteContent,
    SwapRecords,
    DuplicateRecord,
    TruncateContent,
    ForkRecord,
}

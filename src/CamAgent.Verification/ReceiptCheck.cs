using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>The outcome of authenticating a receipt's COSE_Sign1 bytes; <see cref="Receipt"/> is set only when it verifies.</summary>
public sealed class ReceiptCheck
{
    public ReceiptCheck(byte[] receiptDigest, Receipt? receipt, string signer, string? problem)
    {
        ReceiptDigest = receiptDigest;
        Receipt = receipt;
        Signer = signer;
        Problem = problem;
    }

    /// <summary>SHA-256 of the receipt bytes (what a later manifest's last-receipt field names).</summary>
    public byte[] ReceiptDigest { get; }

    public Receipt? Receipt { get; }

    /// <summary>Subject of the signing certificate (empty when unknown).</summary>
    public string Signer { get; }

    /// <summary>Why the receipt was refused, or null.</summary>
    public string? Problem { get; }
}

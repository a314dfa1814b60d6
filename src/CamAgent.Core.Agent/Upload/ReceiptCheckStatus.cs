namespace CamAgent.Core.Upload
{
    /// <summary>Verdict on a receipt. Only <see cref="Valid"/> allows the device to delete the segment.</summary>
    public enum ReceiptCheckStatus
    {
        Valid = 0,

        /// <summary>Not a well-formed COSE_Sign1 receipt (docs/evidence-format.md).</summary>
        Malformed = 1,

        /// <summary>The ES256 signature does not verify against the pinned receipt key.</summary>
        SignatureInvalid = 2,

        /// <summary>Signed correctly but about something else (device, sequence, length, digest or manifest hash differ).</summary>
        FieldMismatch = 3,
    }
}

namespace CamAgent.Core.Evidence
{
    /// <summary>Outcomes of encoding or decoding manifests, receipts and chain state.</summary>
    public enum EvidenceStatus
    {
        Ok = 0,

        /// <summary>The output buffer is too small.</summary>
        BufferTooSmall = 1,

        /// <summary>Not well-formed deterministic CBOR (see the reader's status).</summary>
        MalformedCbor = 2,

        /// <summary>A format version this code does not know.</summary>
        UnsupportedVersion = 3,

        /// <summary>A key missing, unknown or out of place (the offending key is reported).</summary>
        UnexpectedKey = 4,

        /// <summary>A field of the right type whose value breaks a rule of the format.</summary>
        InvalidValue = 5,
    }
}

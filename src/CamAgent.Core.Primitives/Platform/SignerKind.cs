namespace CamAgent.Core.Platform
{
    /// <summary>Where the signing key lives. Values are part of the manifest format; never renumber.</summary>
    public enum SignerKind
    {
        /// <summary>Managed P-256 key held in device storage (stock firmware, no secure element).</summary>
        Software = 1,

        /// <summary>Key generated inside a secure element (e.g. ATECC608); it never leaves the chip.</summary>
        SecureElement = 2,
    }
}

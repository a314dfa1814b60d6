namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// Hard limits of the strict reader. Every CamAgent structure (manifest, receipt, COSE header,
    /// chain state) fits well inside them; anything beyond is hostile or corrupt.
    /// </summary>
    public static class CborLimits
    {
        /// <summary>
        /// Nesting depth: the deepest CamAgent structure is a COSE header holding an x5chain
        /// array (depth 2); 8 leaves room without letting input exhaust the fixed state arrays.
        /// </summary>
        public const int MaxDepth = 8;

        /// <summary>Entries in one array or map: the manifest has 23 fields; 64 bounds parsing work.</summary>
        public const int MaxContainerItems = 64;

        /// <summary>
        /// Bytes in one string: a record is small except for the certificate chain, whose
        /// certificates are a few hundred bytes each; 64 KiB is far above and still bounded.
        /// </summary>
        public const int MaxStringBytes = 65536;
    }
}

namespace CamAgent.Core.Http
{
    /// <summary>
    /// Hard limits of the HTTP/1.1 client (RFC 9112). Every buffer the client uses is sized from
    /// these at start-up, so they also bound its memory. The ingest server's answers are small and
    /// known (docs/upload-protocol.md); anything beyond these limits is treated as a hostile or
    /// broken peer and the connection is dropped.
    /// </summary>
    public static class HttpLimits
    {
        /// <summary>
        /// Status line ("HTTP/1.1 204 No Content" plus CRLF). Reason phrases are short; 256 leaves
        /// room for verbose servers while refusing garbage early.
        /// </summary>
        public const int MaxStatusLineBytes = 256;

        /// <summary>
        /// One header line including CRLF. The longest line the protocol carries is CamAgent-Receipt:
        /// the base64 of a receipt of up to 2688 bytes (EvidenceLimits.MaxReceiptRecordBytes) is 3584
        /// characters, plus the field name and CRLF.
        /// </summary>
        public const int MaxHeaderLineBytes = 3712;

        /// <summary>Header fields per response; Kestrel's tus answers carry fewer than 12.</summary>
        public const int MaxHeaderCount = 32;

        /// <summary>The whole response head (status line, fields, final CRLF): the longest receipt line plus about 900 bytes for the rest.</summary>
        public const int MaxResponseHeadBytes = 4608;

        /// <summary>
        /// Largest response body the client reads through to keep the connection open. Bodies are
        /// only ever short error texts; a larger one is not drained: the connection is closed instead.
        /// </summary>
        public const int MaxDrainedBodyBytes = 16384;

        /// <summary>Interim (1xx) responses skipped before the final one; a peer sending more is broken.</summary>
        public const int MaxInterimResponses = 4;
    }
}

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Why the last Step did not make progress. The first group comes with
    /// <see cref="UploadStatus.RetryLater"/>, the second with <see cref="UploadStatus.Rejected"/>.
    /// Status codes and CamAgent-Error codes are in docs/upload-protocol.md.
    /// </summary>
    public enum UploadFailure
    {
        None = 0,

        /// <summary>Connecting or a transfer failed; see <see cref="TusClient.TransportStatus"/>.</summary>
        TransportFailed = 1,

        /// <summary>The response broke HTTP/1.1 or tus framing rules (garbage, missing Upload-Offset, a redirect...).</summary>
        ProtocolViolation = 2,

        /// <summary>5xx other than 503.</summary>
        ServerError = 3,

        /// <summary>429 or 503: the server asked to come back later (Retry-After honoured).</summary>
        ServerBusy = 4,

        /// <summary>423: another request on the same upload is still in progress on the server.</summary>
        UploadLocked = 5,

        /// <summary>All bytes are on the server but it has not issued the receipt yet.</summary>
        ReceiptPending = 6,

        /// <summary>409 offset mismatch repeated without progress.</summary>
        OffsetConflict = 7,

        /// <summary>400 body-incomplete: the server saw a PATCH body end early (the link broke); resumed with HEAD.</summary>
        BodyIncomplete = 8,

        /// <summary>400: the server found the request malformed (a client bug; CamAgent-Error names the rule).</summary>
        BadRequest = 20,

        /// <summary>403: not this device's upload, device revoked, or certificate not acceptable.</summary>
        Forbidden = 21,

        /// <summary>409 sequence-conflict: the server already holds a different manifest for this sequence.</summary>
        SequenceConflict = 22,

        /// <summary>412: the server does not speak tus 1.0.0.</summary>
        VersionNotSupported = 23,

        /// <summary>413: the record is larger than the server accepts.</summary>
        TooLarge = 24,

        /// <summary>415: the server refused the PATCH content type (a client bug).</summary>
        UnsupportedMediaType = 25,

        /// <summary>460: the content does not match the manifest's digest; the server discarded the upload.</summary>
        ContentDigestMismatch = 26,

        /// <summary>Any other 4xx.</summary>
        RequestRejected = 27,

        /// <summary>404/410 again after the upload was re-created once.</summary>
        UploadGone = 28,

        /// <summary>The receipt was missing, not base64, too large, or failed the receipt check (see <see cref="TusClient.ReceiptCheck"/>).</summary>
        ReceiptInvalid = 29,

        /// <summary>The manifest does not fit the request head buffer.</summary>
        ManifestTooLarge = 30,

        /// <summary>The content stream failed or ended before its declared length.</summary>
        ContentUnreadable = 31,

        /// <summary>The server reports a different Upload-Length than the record has.</summary>
        LengthMismatch = 32,

        /// <summary>409 chain-link-mismatch: the manifest's link to the previous record does not match what the server stored.</summary>
        ChainLinkMismatch = 33,
    }
}

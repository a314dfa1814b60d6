namespace CamAgent.Ingest.Tus;

/// <summary>Header names and fixed values of tus 1.0.0 and the CamAgent additions (docs/upload-protocol.md).</summary>
public static class TusHeaders
{
    public const string TusResumable = "Tus-Resumable";
    public const string TusVersion = "Tus-Version";
    public const string TusExtension = "Tus-Extension";
    public const string TusMaxSize = "Tus-Max-Size";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";
    public const string CamAgentError = "CamAgent-Error";
    public const string CamAgentReceipt = "CamAgent-Receipt";

    /// <summary>The only protocol version served (tus 1.0.0 §2.2).</summary>
    public const string Version = "1.0.0";

    /// <summary>Extensions served (tus 1.0.0 §2.3 Tus-Extension).</summary>
    public const string Extensions = "creation,termination,expiration";

    /// <summary>PATCH body media type (tus 1.0.0 §3.2).</summary>
    public const string OffsetOctetStream = "application/offset+octet-stream";

    /// <summary>Metadata key carrying the base64 manifest COSE_Sign1 (docs/upload-protocol.md §3.2).</summary>
    public const string ManifestKey = "manifest";

    /// <summary>Collection path (base path of uploads).</summary>
    public const string BasePath = "/files/";
}

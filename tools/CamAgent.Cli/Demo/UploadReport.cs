using CamAgent.Core.Upload;

namespace CamAgent.Cli.Demo;

/// <summary>How one upload through the Core tus client went, in the figures the demo prints.</summary>
/// <param name="Status">Completed, Rejected, or RetryLater when the demo stopped retrying.</param>
/// <param name="OffsetBeforeCut">Bytes the server had acknowledged when the connection was first lost; -1 if it never was.</param>
/// <param name="ResumedAtOffset">The offset the server reported (HEAD) when the client resumed; -1 if it never had to.</param>
/// <param name="ContentBytesSent">Content bytes written in PATCH bodies, including any sent again after a cut.</param>
/// <param name="Receipt">The verified receipt (COSE_Sign1), empty unless Completed.</param>
public sealed record UploadReport(
    UploadStatus Status,
    UploadFailure Failure,
    int StatusCode,
    string? ErrorCode,
    int Retries,
    long OffsetBeforeCut,
    long ResumedAtOffset,
    long ContentBytesSent,
    int Connections,
    byte[] Receipt)
{
    public bool Completed => Status == UploadStatus.Completed;

    /// <summary>One sentence for a failed step.</summary>
    public string Explain() => $"upload ended {Status}: {Failure}, HTTP {StatusCode}, CamAgent-Error {ErrorCode ?? "none"}, after {Retries} retries";
}

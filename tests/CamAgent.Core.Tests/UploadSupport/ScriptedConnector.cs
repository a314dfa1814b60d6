using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.UploadSupport;

/// <summary>
/// A connector whose connections play scripted server answers: each Connect takes the next
/// script (all the responses that connection will give) or the next scripted refusal.
/// Requests the client wrote are kept per connection.
/// </summary>
public sealed class ScriptedConnector : ITlsConnector
{
    private readonly Queue<object> _connections = new();

    public List<ScriptedStream> Opened { get; } = [];

    public List<(string Host, int Port)> Dialled { get; } = [];

    public ScriptedConnector Answer(params string[] responses)
    {
        _connections.Enqueue(string.Concat(responses));
        return this;
    }

    public ScriptedConnector Refuse(TransportStatus status)
    {
        _connections.Enqueue(status);
        return this;
    }

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        Dialled.Add((host, port));
        stream = null!;
        object next = _connections.Count > 0 ? _connections.Dequeue() : TransportStatus.ConnectFailed;
        if (next is TransportStatus refusal)
        {
            return refusal;
        }

        var scripted = ScriptedStream.FromText((string)next);
        Opened.Add(scripted);
        stream = scripted;
        return TransportStatus.Ok;
    }

    /// <summary>Everything the client sent, all connections, as text.</summary>
    public string Sent => string.Concat(Opened.Select(s => Encoding.Latin1.GetString(s.Written.ToArray())));

    /// <summary>Requests sent with this method (request lines may follow a binary body directly).</summary>
    public int CountSent(string method)
    {
        string sent = Sent;
        int count = 0;
        for (int at = sent.IndexOf(method + " /", StringComparison.Ordinal); at >= 0; at = sent.IndexOf(method + " /", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>tus responses as the ingest server writes them.</summary>
public static class Tus
{
    public const string Location = "/files/cam-0001-00000000000000000001";

    public static string Created(long offset = 0, string location = Location, string? receipt = null) =>
        $"HTTP/1.1 201 Created\r\nTus-Resumable: 1.0.0\r\nLocation: {location}\r\nUpload-Offset: {offset}\r\n{ReceiptLine(receipt)}Content-Length: 0\r\n\r\n";

    public static string Patched(long offset, string? receipt = null) =>
        $"HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {offset}\r\n{ReceiptLine(receipt)}\r\n";

    public static string Head(long offset, long length, string? receipt = null) =>
        $"HTTP/1.1 200 OK\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {offset}\r\nUpload-Length: {length}\r\nCache-Control: no-store\r\n{ReceiptLine(receipt)}\r\n";

    public static string Error(int status, string code, string extra = "") =>
        $"HTTP/1.1 {status} Error\r\nTus-Resumable: 1.0.0\r\nCamAgent-Error: {code}\r\n{extra}Content-Length: 5\r\n\r\nerror";

    private static string ReceiptLine(string? receipt) => receipt == null ? "" : $"CamAgent-Receipt: {receipt}\r\n";
}

using System.Net;
using System.Text.Json;
using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Assertions shared by the store and rejection tests.</summary>
public static class Expect
{
    /// <summary>The response has <paramref name="status"/> and CamAgent-Error <paramref name="code"/>, and the audit log's last line records it.</summary>
    public static void Rejected(IngestHarness harness, HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, TusClient.Header(response, "CamAgent-Error"));
        Assert.Equal("1.0.0", TusClient.Header(response, "Tus-Resumable"));
        JsonElement last = harness.AuditEntries()[^1];
        Assert.Equal("reject", last.GetProperty("outcome").GetString());
        Assert.Equal(code, last.GetProperty("code").GetString());
        Assert.Equal(status, last.GetProperty("status").GetInt32());
    }

    public static void Status(HttpStatusCode expected, HttpResponseMessage response)
    {
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode} {TusClient.Header(response, "CamAgent-Error")}");
    }

    /// <summary>
    /// The store's incoming/ holds no unfinished upload: no file at all, and no folder but empty
    /// staging folders (the emptied upload folders the store keeps for its next creations).
    /// </summary>
    public static void NoUnfinishedUpload(string storePath)
    {
        string incoming = Path.Combine(storePath, "incoming");
        Assert.Empty(Directory.EnumerateFiles(incoming, "*", SearchOption.AllDirectories));
        Assert.All(Directory.EnumerateDirectories(incoming), folder => Assert.StartsWith(StoreLayout.CreatingPrefix, Path.GetFileName(folder), StringComparison.Ordinal));
    }
}

using System.Text;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

/// <summary>Deterministic memory bounds of the client: fixed buffers, nothing allocated per chunk.</summary>
public class TusClientMemoryTests
{
    private const int Chunks = 40;

    [Fact]
    public void Allocates_Nothing_While_Streaming_Patches()
    {
        const long length = (long)Chunks * UploadLimits.DefaultPatchSizeBytes;
        var answers = new StringBuilder(Tus.Created());
        for (int i = 1; i <= Chunks; i++)
        {
            answers.Append(Tus.Patched((long)i * UploadLimits.DefaultPatchSizeBytes));
        }

        var connector = new OneConnection(new ScriptedStream(Encoding.ASCII.GetBytes(answers.ToString())) { DiscardWrites = true });
        var log = new TestLog();
        var client = new TusClient(new AgencyEndpoint(connector, "ingest.test", log), new TestReceiptChecker(), new FixedRandom(0),
            new FixedWallClock(DateTime.UtcNow), log, new TusClientOptions());
        client.Begin(new UploadJob(1, new byte[300], 0, 300, new ZeroStream(length), length));
        Assert.Equal(UploadStatus.InProgress, client.Step());
        Assert.Equal(UploadStatus.InProgress, client.Step());

        int inProgress = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 2; i < Chunks; i++)
        {
            inProgress += client.Step() == UploadStatus.InProgress ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Chunks - 2, inProgress);
        Assert.Equal(0, allocated);
        Assert.Equal((Chunks - 1) * (long)UploadLimits.DefaultPatchSizeBytes, client.AcknowledgedOffset);
    }

    [Fact]
    public void Holds_All_Its_Buffers_Within_Twenty_Eight_KiB()
    {
        var log = new TestLog();
        var client = new TusClient(new AgencyEndpoint(new ScriptedConnector(), "h.test", log), new TestReceiptChecker(), new FixedRandom(0),
            new FixedWallClock(DateTime.UtcNow), log, new TusClientOptions());

        Assert.Equal(16384 + 4096 + 4608 + 2688, client.BufferBytes);
        Assert.True(client.BufferBytes <= 28 * 1024);
    }

    private sealed class OneConnection(Stream stream) : ITlsConnector
    {
        public TransportStatus Connect(string host, int port, int timeoutMs, out Stream s)
        {
            s = stream;
            return TransportStatus.Ok;
        }
    }
}

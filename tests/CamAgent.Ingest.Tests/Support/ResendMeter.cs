using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Plays the agent loop (steps until an outcome, without waiting out retry delays) and measures
/// the content each recovery re-sent: after every step that made progress, the client's
/// acknowledged offset is the server's durable offset, so the content bytes sent beyond it are
/// the bytes wasted so far. The growth since the last such point is charged to the cuts made in
/// between.
/// The device client is named in full: this namespace has its own HTTP test client of that name.
/// </summary>
public sealed class ResendMeter(CamAgent.Core.Upload.TusClient client, CuttingConnector connector)
{
    private const int MaxSteps = 100_000;

    private long _completedBytes;
    private long _wastedBytes;
    private int _cutsCharged;

    /// <summary>Largest re-send charged to one cut (content bytes, rounded up when several cuts share one recovery).</summary>
    public long MaxResentPerCut { get; private set; }

    public UploadStatus Drive()
    {
        for (int step = 0; step < MaxSteps; step++)
        {
            int cutsBefore = Cuts;
            UploadStatus status = client.Step();
            if (Cuts == cutsBefore && status is UploadStatus.InProgress or UploadStatus.Completed)
            {
                Measure();
            }

            if (status is UploadStatus.Completed or UploadStatus.Rejected)
            {
                return status;
            }
        }

        throw new TimeoutException($"no outcome after {MaxSteps} steps; last failure {client.Failure}");
    }

    /// <summary>Call once per completed record, with its content length.</summary>
    public void Completed(long contentLength) => _completedBytes += contentLength;

    private int Cuts => connector.WriteCutsMade + connector.ReadCutsMade;

    private void Measure()
    {
        long wasted = client.ContentBytesSent - (_completedBytes + client.AcknowledgedOffset);
        int cuts = Cuts - _cutsCharged;
        if (cuts > 0)
        {
            long perCut = (wasted - _wastedBytes + cuts - 1) / cuts;
            MaxResentPerCut = Math.Max(MaxResentPerCut, perCut);
        }

        Assert.True(wasted >= _wastedBytes, $"waste cannot shrink: {_wastedBytes} then {wasted}");
        _wastedBytes = wasted;
        _cutsCharged = Cuts;
    }
}

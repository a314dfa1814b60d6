using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest;

/// <summary>
/// Every <c>limits.expirySweepMinutes</c>, removes the unfinished uploads that expired without a
/// camera asking for them again — a camera lost, revoked or reset leaves one behind — and audits
/// each as <c>expire</c>/<c>expired</c>, as the start-up pass and a request that finds one expired
/// do. A sweep the store cannot carry out (disk or database unavailable) is tried again at the
/// next tick.
/// </summary>
internal sealed class ExpirySweep : IAsyncDisposable
{
    private readonly IIngestStore _store;
    private readonly IAuditLog _audit;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Task _loop;
    private int _disposed;

    public ExpirySweep(IIngestStore store, IAuditLog audit, TimeSpan period, TimeProvider time)
    {
        _store = store;
        _audit = audit;
        _loop = Task.Run(() => LoopAsync(period, time));
    }

    /// <summary>Sweeps now; returns how many uploads it removed.</summary>
    public async Task<int> RunOnceAsync()
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            IReadOnlyList<string> expired = await _store.ExpireAbandonedAsync().ConfigureAwait(false);
            foreach (string uploadId in expired)
            {
                try
                {
                    await _audit.AppendAsync(AuditEntry.Expired(uploadId)).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The log counts the line as unrecorded and says so on its next line.
                }
            }

            return expired.Count;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan period, TimeProvider time)
    {
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The store is unavailable now; the next tick tries again.
            }
        }
    }
}

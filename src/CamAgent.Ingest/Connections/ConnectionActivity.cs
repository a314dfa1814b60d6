using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// One connection as its device's other requests see it: whether bytes arrived on it since it
/// last finished a request (a request may be on its way that the HTTP layer has not read yet),
/// and whether it is still open. A device whose link broke mid-PATCH reconnects and asks HEAD at
/// once; if its old connection still holds the start of that PATCH, unread, HEAD answered at
/// once would send the device back to bytes the server is about to keep, and the device would
/// send them twice (docs/upload-protocol.md §3.4: a cut costs at most the rest of one chunk).
/// So HEAD first waits, boundedly, until the device's other connections are quiet or closed
/// (<see cref="WhenPeersQuietAsync"/>). An idle kept-alive connection is quiet: nothing arrived
/// on it since its last answer.
/// </summary>
public sealed class ConnectionActivity
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private long _arrivals;
    private long _served;
    private volatile bool _closed;
    private ConcurrentDictionary<ConnectionActivity, byte>? _peers;

    /// <summary>Bytes arrived since the connection last finished a request, and it is open.</summary>
    public bool MayBringRequest => !_closed && Volatile.Read(ref _arrivals) > Volatile.Read(ref _served);

    /// <summary>The activity of the connection <paramref name="http"/> came on, or null (no connection middleware, e.g. in-memory hosting).</summary>
    public static ConnectionActivity? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        IDictionary<object, object?>? items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(typeof(ConnectionActivity), out object? value) ? value as ConnectionActivity : null;
    }

    /// <summary>Bytes arrived on the connection (called by its transport reader).</summary>
    public void Arrived() => Interlocked.Increment(ref _arrivals);

    /// <summary>A request on the connection finished: what arrived so far was read.</summary>
    public void Served() => Volatile.Write(ref _served, Volatile.Read(ref _arrivals));

    /// <summary>Counts the connection among <paramref name="deviceId"/>'s in <paramref name="registry"/> (once; later calls do nothing).</summary>
    public void Join(DeviceConnections registry, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (_peers is not null || _closed)
        {
            return;
        }

        _peers = registry.Of(deviceId);
        _peers[this] = 0;
        if (_closed)
        {
            _peers.TryRemove(this, out _);
        }
    }

    /// <summary>The connection ended.</summary>
    public void Close()
    {
        _closed = true;
        _peers?.TryRemove(this, out _);
    }

    /// <summary>
    /// Completes once none of the device's other connections may still bring a request, or after
    /// <paramref name="bound"/>; true when they went quiet.
    /// </summary>
    public async Task<bool> WhenPeersQuietAsync(TimeSpan bound, CancellationToken cancel)
    {
        ConcurrentDictionary<ConnectionActivity, byte>? peers = _peers;
        if (peers is null)
        {
            return true;
        }

        long deadline = Environment.TickCount64 + (long)bound.TotalMilliseconds;
        while (AnyBusy(peers))
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancel).ConfigureAwait(false);
        }

        return true;
    }

    // The dictionary's own enumerator: no lock taken, no copy made.
    private bool AnyBusy(ConcurrentDictionary<ConnectionActivity, byte> peers)
    {
        foreach (KeyValuePair<ConnectionActivity, byte> peer in peers)
        {
            if (!ReferenceEquals(peer.Key, this) && peer.Key.MayBringRequest)
            {
                return true;
            }
        }

        return false;
    }
}

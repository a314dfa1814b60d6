using System.Net;
using CamAgent.Ingest.Audit;
using Microsoft.AspNetCore.Connections;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// Keeps connections that have not authenticated yet from crowding out devices
/// (docs/ingest-server.md §6, "Connections"). A connection is pending from accept until its TLS
/// handshake accepts a device certificate, then authenticated until it closes.
/// <list type="bullet">
/// <item>A source (<see cref="SourceAddress"/>) holding <c>maxPendingHandshakesPerAddress</c> pending connections, or refused <c>maxRefusedHandshakesPerAddress</c> times in the current refusal window, has further connections closed at once.</item>
/// <item>When <c>maxPendingHandshakes</c> connections are pending, a new one closes the oldest pending connection of the source holding the most, so a newcomer always gets its handshake.</item>
/// <item>Authenticated connections are never closed to make room; at most <c>maxConnections</c> of them are open.</item>
/// </list>
/// Every connection closed here is counted for its source in the <see cref="RefusalLedger"/>. Thread safe.
/// </summary>
public sealed class ConnectionGate
{
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, LinkedList<PendingConnection>> _pending = new();
    private readonly IngestLimits _limits;
    private readonly RefusalLedger _ledger;
    private int _pendingCount;
    private int _authenticatedCount;

    public ConnectionGate(IngestLimits limits, RefusalLedger ledger)
    {
        _limits = limits;
        _ledger = ledger;
    }

    /// <summary>Connections accepted and not yet authenticated.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pendingCount;
            }
        }
    }

    /// <summary>Authenticated connections open.</summary>
    public int AuthenticatedCount
    {
        get
        {
            lock (_gate)
            {
                return _authenticatedCount;
            }
        }
    }

    /// <summary>Admits a newly accepted connection, or returns null when it must be closed now.</summary>
    public PendingConnection? Admit(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        IPAddress source = SourceAddress.Of(connection.RemoteEndPoint);
        PendingConnection? evicted = null;
        var admitted = new PendingConnection(connection, source);
        lock (_gate)
        {
            LinkedList<PendingConnection>? own = _pending.GetValueOrDefault(source);
            if ((own?.Count ?? 0) >= _limits.MaxPendingHandshakesPerAddress
                || _ledger.RefusedInWindow(source) >= _limits.MaxRefusedHandshakesPerAddress)
            {
                admitted = null;
            }
            else
            {
                if (_pendingCount >= _limits.MaxPendingHandshakes)
                {
                    evicted = RemoveOldestOfBusiestSource();
                }

                Add(admitted);
            }
        }

        if (evicted is not null)
        {
            _ledger.Dropped(evicted.Source);
            evicted.Connection.Abort(new ConnectionAbortedException("Closed to make room for a new handshake (connection limits)."));
        }

        if (admitted is null)
        {
            _ledger.Dropped(source);
        }

        return admitted;
    }

    /// <summary>The handshake of <paramref name="connection"/> accepted a device; false when <c>maxConnections</c> devices are connected already (close it).</summary>
    public bool Authenticate(PendingConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            if (connection.Node is null || _authenticatedCount >= _limits.MaxConnections)
            {
                return false;
            }

            Remove(connection);
            connection.IsAuthenticated = true;
            _authenticatedCount++;
            return true;
        }
    }

    /// <summary>The connection closed (whatever its state).</summary>
    public void Close(PendingConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_gate)
        {
            if (connection.IsAuthenticated)
            {
                connection.IsAuthenticated = false;
                _authenticatedCount--;
            }
            else if (connection.Node is not null)
            {
                Remove(connection);
            }
        }
    }

    private void Add(PendingConnection connection)
    {
        if (!_pending.TryGetValue(connection.Source, out LinkedList<PendingConnection>? list))
        {
            list = new LinkedList<PendingConnection>();
            _pending.Add(connection.Source, list);
        }

        connection.Node = list.AddLast(connection);
        _pendingCount++;
    }

    private void Remove(PendingConnection connection)
    {
        LinkedList<PendingConnection> list = _pending[connection.Source];
        list.Remove(connection.Node!);
        connection.Node = null;
        _pendingCount--;
        if (list.Count == 0)
        {
            _pending.Remove(connection.Source);
        }
    }

    private PendingConnection? RemoveOldestOfBusiestSource()
    {
        LinkedList<PendingConnection>? busiest = null;
        foreach (LinkedList<PendingConnection> list in _pending.Values)
        {
            if (busiest is null || list.Count > busiest.Count)
            {
                busiest = list;
            }
        }

        PendingConnection? oldest = busiest?.First?.Value;
        if (oldest is not null)
        {
            Remove(oldest);
        }

        return oldest;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// The load balancer in front of the ingest nodes, as an agency runs one (TCP pass-through, so
/// mutual TLS ends at the nodes): each new connection goes to the next node in turn, and to the
/// one after it when a node refuses the connection (it was killed). Loopback only. With one
/// backend it is also the network path from the nodes to PostgreSQL, which a test can
/// <see cref="Cut"/> and <see cref="Restore"/>.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int[] _backendPorts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _carried = new();
    private volatile bool _cut;
    private int _next;

    public TcpBalancer(params int[] backendPorts)
    {
        _backendPorts = backendPorts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// The path is down: every connection it carries is reset, and new ones are reset as soon as
    /// they are accepted, until <see cref="Restore"/>.
    /// </summary>
    public void Cut()
    {
        _cut = true;
        foreach ((TcpClient client, TcpClient backend) in _carried)
        {
            Reset(client);
            Reset(backend);
        }
    }

    /// <summary>The path is up again: new connections are carried.</summary>
    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using TcpClient? backend = _cut ? null : await ConnectAsync().ConfigureAwait(false);
            if (backend is null)
            {
                if (_cut)
                {
                    Reset(client);
                }

                return;
            }

            _carried[client] = backend;
            try
            {
                if (_cut)
                {
                    Reset(client);
                    Reset(backend);
                    return;
                }

                NetworkStream front = client.GetStream();
                NetworkStream back = backend.GetStream();
                Task up = PipeAsync(front, back, backend.Client);
                Task down = PipeAsync(back, front, client.Client);
                await Task.WhenAny(up, down).ConfigureAwait(false);
            }
            finally
            {
                _carried.TryRemove(client, out _);
            }
        }
    }

    // Closes with a reset (RST), as a path that went down does, rather than an orderly FIN.
    private static void Reset(TcpClient connection)
    {
        Socket? socket = connection.Client;
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return;
        }
    }

    private async Task<TcpClient?> ConnectAsync()
    {
        for (int attempt = 0; attempt < _backendPorts.Length; attempt++)
        {
            int port = _backendPorts[(int)((uint)Interlocked.Increment(ref _next) % _backendPorts.Length)];
            var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return backend;
            }
            catch (SocketException)
            {
                backend.Dispose();
            }
        }

        return null;
    }

    // Copies until either side ends; a reset on one side closes the other (a killed node breaks its connections).
    private static async Task PipeAsync(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to).ConfigureAwait(false);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return;
        }
    }
}

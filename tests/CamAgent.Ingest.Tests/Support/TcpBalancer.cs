using System.Net;
using System.Net.Sockets;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// The load balancer in front of the ingest nodes, as an agency runs one (TCP pass-through, so
/// mutual TLS ends at the nodes): each new connection goes to the next node in turn, and to the
/// one after it when a node refuses the connection (it was killed). Loopback only.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int[] _backendPorts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    public TcpBalancer(params int[] backendPorts)
    {
        _backendPorts = backendPorts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

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
            using TcpClient? backend = await ConnectAsync().ConfigureAwait(false);
            if (backend is null)
            {
                return;
            }

            NetworkStream front = client.GetStream();
            NetworkStream back = backend.GetStream();
            Task up = PipeAsync(front, back, backend.Client);
            Task down = PipeAsync(back, front, client.Client);
            await Task.WhenAny(up, down).ConfigureAwait(false);
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

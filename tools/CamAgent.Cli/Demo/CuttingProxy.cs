using System.Net;
using System.Net.Sockets;

namespace CamAgent.Cli.Demo;

/// <summary>
/// A TCP relay on 127.0.0.1 between a camera and the ingest server that can cut one connection
/// mid-way, as a camera leaving Wi-Fi range would experience it. It relays bytes blindly (TLS stays
/// end to end between camera and server); when armed, it forwards exactly
/// <see cref="CutAfterClientBytes"/> more bytes from the camera, on whichever connection carries
/// them, then resets that connection on both sides. Everything else is relayed untouched.
/// </summary>
public sealed class CuttingProxy : IDisposable
{
    private const int RelayBufferBytes = 16 * 1024;

    private readonly IPEndPoint _target;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = new();
    private readonly Task _accepting;
    private readonly object _armGate = new();
    private long _remainingBeforeCut = -1;
    private long _armedBytes;
    private long _cutAfterClientBytes = -1;
    private int _connections;

    public CuttingProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where cameras dial to reach the server through the proxy.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Camera bytes forwarded on the cut connection before it was cut; -1 while nothing was cut.</summary>
    public long CutAfterClientBytes => Interlocked.Read(ref _cutAfterClientBytes);

    /// <summary>Cuts the connection that carries the camera's <paramref name="clientBytes"/>-th byte from now, right after it.</summary>
    public void CutAfter(long clientBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clientBytes);
        lock (_armGate)
        {
            _remainingBeforeCut = clientBytes;
            _armedBytes = clientBytes;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (Socket socket in _open)
            {
                socket.Dispose();
            }

            _open.Clear();
        }

        _accepting.Wait();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket camera;
            try
            {
                camera = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // Dispose stopped the listener: the proxy's life is over.
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => RelayAsync(camera));
        }
    }

    private async Task RelayAsync(Socket camera)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Track(camera);
        Track(server);
        try
        {
            await server.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
            Task upstream = PumpAsync(camera, server, fromCamera: true);
            Task downstream = PumpAsync(server, camera, fromCamera: false);
            await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The server went away or the proxy is stopping: the camera sees its connection drop, which is the point.
        }
        finally
        {
            Reset(camera);
            Reset(server);
        }
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/> until either closes, or until the armed cut (camera side only).</summary>
    private async Task PumpAsync(Socket from, Socket to, bool fromCamera)
    {
        byte[] buffer = new byte[RelayBufferBytes];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                int allowed = fromCamera ? Allow(read) : read;
                await to.SendAsync(buffer.AsMemory(0, allowed), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (fromCamera && CutDue())
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side closed or reset; the caller resets the other side.
        }
    }

    /// <summary>How many of <paramref name="read"/> camera bytes may pass before the armed cut.</summary>
    private int Allow(int read)
    {
        lock (_armGate)
        {
            if (_remainingBeforeCut < 0)
            {
                return read;
            }

            int allowed = (int)Math.Min(read, _remainingBeforeCut);
            _remainingBeforeCut -= allowed;
            return allowed;
        }
    }

    /// <summary>True once, when the armed budget is used up: disarms and records the cut.</summary>
    private bool CutDue()
    {
        lock (_armGate)
        {
            if (_remainingBeforeCut != 0)
            {
                return false;
            }

            _remainingBeforeCut = -1;
            Interlocked.Exchange(ref _cutAfterClientBytes, _armedBytes);
            return true;
        }
    }

    private void Track(Socket socket)
    {
        lock (_open)
        {
            _open.Add(socket);
        }
    }

    // A zero linger time sends a reset rather than an orderly close: both ends see the connection break.
    private void Reset(Socket socket)
    {
        lock (_open)
        {
            _open.Remove(socket);
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }

        socket.Dispose();
    }
}

using System.Net.Sockets;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>Maps nanoFramework socket error codes (SocketException.ErrorCode) to Core's transport statuses.</summary>
    public static class SocketErrors
    {
        public static TransportStatus ToTransportStatus(int errorCode)
        {
            switch ((SocketError)errorCode)
            {
                case SocketError.TimedOut:
                case SocketError.WouldBlock:
                    return TransportStatus.Timeout;
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain:
                    return TransportStatus.NameNotResolved;
                case SocketError.NetworkDown:
                case SocketError.NetworkUnreachable:
                case SocketError.SystemNotReady:
                    return TransportStatus.NoNetwork;
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                case SocketError.NotConnected:
                case SocketError.Disconnecting:
                    return TransportStatus.Closed;
                default:
                    return TransportStatus.ConnectFailed;
            }
        }
    }
}

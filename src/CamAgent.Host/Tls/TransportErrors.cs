using System.Net.Sockets;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Tls;

/// <summary>Maps .NET socket and TLS exceptions to <see cref="TransportStatus"/>.</summary>
internal static class TransportErrors
{
    /// <summary>
    /// TLS alerts by which a server refuses the client certificate (RFC 8446 §6.2, RFC 5246 §7.2.2),
    /// as OpenSSL names them in its error strings (which .NET surfaces on Linux).
    /// </summary>
    private static readonly string[] ClientCertificateAlerts =
    [
        "alert bad certificate",
        "alert certificate required",
        "alert unknown ca",
        "alert certificate expired",
        "alert certificate revoked",
        "alert unsupported certificate",
        "alert certificate unknown",
        "alert access denied",
    ];

    public static TransportStatus FromSocket(SocketError error)
    {
        return error switch
        {
            SocketError.TimedOut => TransportStatus.Timeout,
            SocketError.NetworkUnreachable or SocketError.NetworkDown => TransportStatus.NoNetwork,
            SocketError.HostNotFound or SocketError.NoData => TransportStatus.NameNotResolved,
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => TransportStatus.Closed,
            _ => TransportStatus.ConnectFailed,
        };
    }

    /// <summary>Classifies a failed handshake (the server certificate was already accepted).</summary>
    public static TransportStatus FromTlsFailure(Exception e)
    {
        if (IsTimeout(e))
        {
            return TransportStatus.Timeout;
        }

        return MentionsClientCertificateAlert(e) ? TransportStatus.ClientCertificateRejected : TransportStatus.HandshakeFailed;
    }

    /// <summary>Classifies a failed read or write on an established stream.</summary>
    public static TransportStatus FromStreamFailure(Exception e)
    {
        if (IsTimeout(e))
        {
            return TransportStatus.Timeout;
        }

        // With TLS 1.3 the server judges the client certificate after the client's handshake has
        // finished, so its refusal arrives as an alert on the first read.
        return MentionsClientCertificateAlert(e) ? TransportStatus.ClientCertificateRejected : TransportStatus.Closed;
    }

    private static bool IsTimeout(Exception e)
    {
        for (Exception? inner = e; inner != null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsClientCertificateAlert(Exception e)
    {
        for (Exception? inner = e; inner != null; inner = inner.InnerException)
        {
            foreach (string alert in ClientCertificateAlerts)
            {
                if (inner.Message.Contains(alert, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

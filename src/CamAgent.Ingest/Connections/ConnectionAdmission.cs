using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The two connection middlewares around Kestrel's TLS middleware: <see cref="BeforeTlsAsync"/>
/// admits a connection through the <see cref="ConnectionGate"/> and shows its first bytes to the
/// <see cref="HandshakeInspector"/>; <see cref="AfterTlsAsync"/> runs once the handshake accepted
/// a device, closes the connection if the negotiated cipher suite is not allowed, moves it out of
/// the pending ones and counts it among its device's connections. Every connection carries a
/// <see cref="ConnectionActivity"/>, fed by its transport reader.
/// </summary>
internal static class ConnectionAdmission
{
    private static readonly object TicketKey = new();

    public static async Task BeforeTlsAsync(ConnectionContext context, ConnectionDelegate next, ConnectionGate gate, HandshakeInspector inspector)
    {
        PendingConnection? ticket = gate.Admit(context);
        if (ticket is null)
        {
            // Returning without calling next closes the connection before any TLS byte is read.
            return;
        }

        var activity = new ConnectionActivity();

        try
        {
            context.Items[TicketKey] = ticket;
            context.Items[typeof(ConnectionActivity)] = activity;
            var input = new InspectingPipeReader(context.Transport.Input, context.Transport.Output, inspector, ticket.Source, activity);
            context.Transport = new InspectedTransport(input, context.Transport.Output);
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            activity.Close();
            gate.Close(ticket);
        }
    }

    public static Task AfterTlsAsync(ConnectionContext context, ConnectionDelegate next, ConnectionServices connections)
    {
        if (context.Items[TicketKey] is not PendingConnection ticket
            || !connections.Inspector.Accepts(context.Features.Get<ITlsHandshakeFeature>()?.NegotiatedCipherSuite, ticket.Source)
            || !connections.Gate.Authenticate(ticket))
        {
            return Task.CompletedTask;
        }

        // The device's identity, worked out once per connection (the requests find it here), and
        // the connection counted among that device's. Until its first request is served it counts
        // as one that may bring a request: the first bytes of one can arrive with the handshake's
        // last, and a device opens a new connection only after giving up the old one.
        X509Certificate2? certificate = context.Features.Get<ITlsConnectionFeature>()?.ClientCertificate;
        if (certificate is not null && context.Items[typeof(ConnectionActivity)] is ConnectionActivity activity)
        {
            activity.Join(connections.Devices, DeviceIdentity.OfConnection(context.Items, certificate).DeviceId);
        }

        return next(context);
    }
}

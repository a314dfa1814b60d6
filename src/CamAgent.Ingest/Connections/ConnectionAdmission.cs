using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The two connection middlewares around Kestrel's TLS middleware: <see cref="BeforeTlsAsync"/>
/// admits a connection through the <see cref="ConnectionGate"/> and shows its first bytes to the
/// <see cref="HandshakeInspector"/>; <see cref="AfterTlsAsync"/> runs once the handshake accepted
/// a device, closes the connection if the negotiated cipher suite is not allowed, and moves it
/// out of the pending ones.
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

        try
        {
            context.Items[TicketKey] = ticket;
            var input = new InspectingPipeReader(context.Transport.Input, context.Transport.Output, inspector, ticket.Source);
            context.Transport = new InspectedTransport(input, context.Transport.Output);
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            gate.Close(ticket);
        }
    }

    public static Task AfterTlsAsync(ConnectionContext context, ConnectionDelegate next, ConnectionGate gate, HandshakeInspector inspector)
    {
        return context.Items[TicketKey] is PendingConnection ticket
            && inspector.Accepts(context.Features.Get<ITlsHandshakeFeature>()?.NegotiatedCipherSuite, ticket.Source)
            && gate.Authenticate(ticket)
            ? next(context)
            : Task.CompletedTask;
    }
}

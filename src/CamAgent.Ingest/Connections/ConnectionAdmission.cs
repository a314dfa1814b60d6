using Microsoft.AspNetCore.Connections;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// The two connection middlewares around Kestrel's TLS middleware: <see cref="BeforeTlsAsync"/>
/// admits a connection through the <see cref="ConnectionGate"/> and shows its first bytes to the
/// <see cref="HandshakeInspector"/>; <see cref="AfterTlsAsync"/> runs once the handshake accepted
/// a device and moves the connection out of the pending ones.
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

    public static Task AfterTlsAsync(ConnectionContext context, ConnectionDelegate next, ConnectionGate gate)
    {
        return context.Items[TicketKey] is PendingConnection ticket && gate.Authenticate(ticket)
            ? next(context)
            : Task.CompletedTask;
    }
}

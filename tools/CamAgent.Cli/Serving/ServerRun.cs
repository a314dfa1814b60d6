using System.Net.Sockets;
using CamAgent.Ingest;
using Microsoft.Extensions.Logging;

namespace CamAgent.Cli.Serving;

/// <summary>Starts the ingest server for `camagent serve`, prints where it listens, and stops it cleanly.</summary>
public static class ServerRun
{
    /// <summary>
    /// Runs until SIGTERM or Ctrl+C. A server that cannot start (the port in use, an address that
    /// is not this machine's) is one sentence and <see cref="ExitCodes.StepFailed"/>; Kestrel's own
    /// start-up failure is not logged to the console, so no stack trace precedes that sentence.
    /// </summary>
    public static int Run(IngestOptions options, CliContext context)
    {
        RequestThreads.Reserve();
        IngestServer server;
        try
        {
            server = IngestServer.StartAsync(options, logging: Logging).GetAwaiter().GetResult();
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent serve: {ConfigurationProblem.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent serve: cannot start: {Reason(e, options)}");
            return ExitCodes.StepFailed;
        }

        try
        {
            context.Output.WriteLine($"camagent serve: listening on https://{server.EndPoint}/files/ (store {server.StoreDescription}); audit head {server.AuditHeadHash}");
            server.WaitForShutdownAsync().GetAwaiter().GetResult();

            // The refusals of the unfinished window go into the log before its head is printed.
            server.FlushRefusals();
            context.Output.WriteLine($"camagent serve: stopped; audit head {server.AuditHeadHash}");
            return ExitCodes.Ok;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Logging(ILoggingBuilder builder) =>
        builder.AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)

            // Kestrel logs a failed start (with its stack trace) before it throws; serve reports the
            // exception itself in one sentence.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

    private static string Reason(IOException e, IngestOptions options)
    {
        SocketException? socket = e.InnerException as SocketException;
        return socket?.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => $"{options.ListenAddress}:{options.Port} is already in use (another server, or an earlier 'camagent serve' still running).",
            SocketError.AddressNotAvailable => $"{options.ListenAddress} is not an address of this machine.",
            SocketError.AccessDenied => $"port {options.Port} needs privileges (run as a service with CAP_NET_BIND_SERVICE, see docs/agency-it-guide.md).",
            _ => e.Message,
        };
    }
}

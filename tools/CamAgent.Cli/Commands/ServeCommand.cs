using System.Globalization;
using CamAgent.Ingest;
using Microsoft.Extensions.Logging;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent serve`: runs the agency's ingest server until stopped (SIGTERM / Ctrl+C).</summary>
public sealed class ServeCommand : ICommand
{
    public string Name => "serve";

    public string Summary => "run the ingest server: mutual TLS, resumable uploads, signed receipts";

    public string Help => """
        Usage: camagent serve --config FILE
               camagent serve --pki DIR --store DIR [--listen ADDRESS] [--port N]

        Receives sealed segments from enrolled cameras over mutual TLS (tus 1.0.0 at /files/),
        verifies each manifest and its content, stores them under the store folder and answers
        with a signed receipt. Runs until SIGTERM or Ctrl+C. Every decision goes to
        <store>/audit.log ('camagent audit verify' checks it).

          --config FILE     JSON configuration (docs/ingest-server.md, "Configuration")
          --pki DIR         take certificates and keys from an agency PKI folder made by
                            'camagent pki init' (device CA, server TLS and receipt keys, revocation list)
          --store DIR       evidence store folder (with --pki)
          --listen ADDRESS  IP address to listen on (with --pki; default 0.0.0.0)
          --port N          TCP port (with --pki; default 443)

        Private key files must be readable by their owner only (chmod 600). No secret is ever
        taken from the command line. The server refuses to start (exit 3, one sentence saying what
        to change) when the device CA does not chain to the agency root (give rootCaPath) or the
        receipt certificate is not the agency's receipt-signing certificate.

        Examples:
          camagent serve --config /etc/camagent/ingest.json
          camagent serve --pki /srv/camagent/pki --store /srv/camagent/store --port 8443
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!TryParse(args, out Dictionary<string, string> values, out string problem))
        {
            context.Error.WriteLine($"camagent serve: {problem} Run 'camagent serve --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            IngestOptions options = values.TryGetValue("--config", out string? config)
                ? IngestOptionsFile.Load(config)
                : FromPki(values);
            return RunServer(options, context);
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent serve: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"camagent serve: cannot start: {e.Message}");
            return ExitCodes.StepFailed;
        }
    }

    private static int RunServer(IngestOptions options, CliContext context)
    {
        IngestServer server = IngestServer.StartAsync(options, logging: b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .GetAwaiter().GetResult();
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

    private static IngestOptions FromPki(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("--pki", out string? pki) || !values.TryGetValue("--store", out string? store))
        {
            throw new IngestConfigurationException("give --config FILE, or --pki DIR with --store DIR.");
        }

        IngestOptions options = PkiServerOptions.For(pki, store);
        if (values.TryGetValue("--listen", out string? listen))
        {
            options.ListenAddress = listen;
        }

        if (values.TryGetValue("--port", out string? port))
        {
            options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
                ? number
                : throw new IngestConfigurationException($"--port '{port}' is not a port number.");
        }

        options.Validate();
        return options;
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> values, out string problem)
    {
        string[] known = { "--config", "--pki", "--store", "--listen", "--port" };
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length || !values.TryAdd(args[i], args[i + 1]))
            {
                problem = $"unexpected or incomplete option '{args[i]}'.";
                return false;
            }
        }

        if (values.ContainsKey("--config") && values.Count > 1)
        {
            problem = "--config cannot be combined with other options.";
            return false;
        }

        return true;
    }
}

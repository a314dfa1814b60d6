using System.CommandLine;
using System.CommandLine.Parsing;
using CamAgent.Ingest;
using CamAgent.Cli.Serving;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent serve`: runs the agency's ingest server until stopped (SIGTERM / Ctrl+C).</summary>
public sealed class ServeCommand : Verb
{
    /// <summary>The highest TCP port number.</summary>
    private const long MaxPort = 65535;

    private readonly Option<string> _config = CliOptions.Text("--config", "FILE", "JSON configuration (docs/ingest-server.md, \"Configuration\"); alone", required: false);
    private readonly Option<string> _pki = CliOptions.Pki(required: false);
    private readonly Option<string> _store = CliOptions.Store("evidence store folder (with --pki)", required: false);
    private readonly Option<string> _listen = CliOptions.Text("--listen", "ADDRESS", "IP address to listen on (with --pki; default 0.0.0.0)", required: false);
    private readonly Option<long> _port = CliOptions.Number("--port", "N", $"TCP port to listen on (with --pki; default {CamAgent.Core.Egress.EgressGate.AgencyPort})", minimum: 1, maximum: MaxPort);

    public override string Name => "serve";

    public override string Summary => "Run the ingest server: mutual TLS, resumable uploads, signed receipts.";

    public override string Details => """
        Receives sealed segments from enrolled cameras over mutual TLS (tus 1.0.0 at /files/),
        verifies each manifest and its content, stores them under the store folder and answers
        with a signed receipt. Runs until SIGTERM or Ctrl+C. Every decision goes to
        <store>/audit.log ('camagent audit verify' checks it). Give --config FILE, or --pki DIR
        with --store DIR. Private key files must be readable by their owner only (chmod 600). No
        secret is ever taken from the command line. The server refuses to start (one sentence
        saying what to change) when the device CA does not chain to the agency root (give
        rootCaPath) or the receipt certificate is not the agency's receipt-signing certificate.
        """;

    public override string ExitCodeText => "0 stopped; 2 usage; 3 bad configuration or trust setup; 6 cannot start (the port is in use, an address is not local).";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent serve --config /etc/camagent/ingest.json",
        "camagent serve --pki /srv/camagent/pki --store /srv/camagent/store --port 8443",
    ];

    protected override IEnumerable<Option> Options => [_config, _pki, _store, _listen, _port];

    protected override void Validate(CommandResult result)
    {
        bool config = CliOptions.Given(result, _config);
        bool pki = CliOptions.Given(result, _pki) && CliOptions.Given(result, _store);
        bool others = new Option[] { _pki, _store, _listen, _port }.Any(o => CliOptions.Given(result, o));
        if (config ? others : !pki)
        {
            result.AddError(config ? "--config cannot be combined with other options." : "give --config FILE, or --pki DIR with --store DIR.");
        }
    }

    protected override int Execute(ParseResult parse, CliContext context)
    {
        IngestOptions options;
        try
        {
            options = parse.GetValue(_config) is string config ? IngestOptionsFile.Load(config) : FromPki(parse);
        }
        catch (IngestConfigurationException e)
        {
            context.Error.WriteLine($"camagent serve: {ConfigurationProblem.Describe(e)}");
            return ExitCodes.BadInput;
        }

        return ServerRun.Run(options, context);
    }

    private IngestOptions FromPki(ParseResult parse)
    {
        IngestOptions options = PkiServerOptions.For(parse.GetValue(_pki)!, parse.GetValue(_store)!);
        if (parse.GetValue(_listen) is string listen)
        {
            options.ListenAddress = listen;
        }

        if (parse.GetResult(_port) is not null)
        {
            options.Port = (int)parse.GetValue(_port);
        }

        options.Validate();
        return options;
    }
}

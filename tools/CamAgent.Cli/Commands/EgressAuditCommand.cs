using System.CommandLine;
using CamAgent.Cli.Egress;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent egress audit`: judges every flow from the camera network in a packet capture.</summary>
public sealed class EgressAuditCommand : Verb
{
    private readonly Option<string> _capture = CliOptions.Text("--capture", "FILE", "the capture file (pcap or pcapng)", required: true);
    private readonly EgressArguments _policy = new();
    private readonly Option<bool> _json = CliOptions.Json("the report as JSON on standard output");

    public override string Name => "egress audit";

    public override string Summary => "Judge every camera flow in a pcap/pcapng capture against the egress policy.";

    public override string Details => """
        Reads a capture file (pcap or pcapng, as tcpdump, tshark, dumpcap or Wireshark write them)
        one packet at a time and reports every flow from the camera network: addresses, protocol,
        ports, packets and bytes each way, first and last time, the TLS server name (SNI) and the
        DNS questions. Each flow is judged against the same policy as 'egress policy': TCP 443 to
        the agency address with the agency host as SNI, UDP 123 to the agency address, DNS only to
        the --dns resolver and only for the agency host name, DHCP. Everything else is a violation.
        Memory depends on the number of flows, not on the size of the capture.
        """;

    public override string ExitCodeText => "0 clean; 1 violations; 2 usage; 3 the capture or a value could not be read; 7 libpcap is not installed.";

    public override IReadOnlyList<string> Examples =>
    [
        "tcpdump -i cam0 -w cameras.pcap            # on the camera side of the gateway",
        "camagent egress audit --capture cameras.pcap --agency-host evidence.pd.example \\",
        "    --camera-net 10.20.0.0/16 --agency-address 198.51.100.10",
    ];

    protected override IEnumerable<Option> Options => [_capture, .. _policy.Options, _json];

    protected override void Validate(System.CommandLine.Parsing.CommandResult result) => _policy.Validate(result);

    protected override int Execute(ParseResult parse, CliContext context)
    {
        int built = _policy.TryBuild(Name, parse, context, out EgressPolicy? policy);
        if (built != ExitCodes.Ok)
        {
            return built;
        }

        string? problem;
        AuditResult? result;
        try
        {
            result = AuditResult.Run(parse.GetValue(_capture)!, policy!, out problem);
        }
        catch (DllNotFoundException)
        {
            context.Error.WriteLine("camagent egress audit: libpcap is not installed (Debian: apt-get install libpcap0.8).");
            return ExitCodes.ToolMissing;
        }

        if (result is null)
        {
            context.Error.WriteLine($"camagent egress audit: {problem}");
            return ExitCodes.BadInput;
        }

        if (parse.GetValue(_json))
        {
            WriteJson(result, context);
        }
        else
        {
            AuditReport.WriteText(result, context.Output);
        }

        return result.Clean ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    // The JSON goes through the context's writer, so tests that substitute it see it too.
    private static void WriteJson(AuditResult result, CliContext context)
    {
        using var buffer = new MemoryStream();
        AuditReport.WriteJson(result, buffer);
        context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

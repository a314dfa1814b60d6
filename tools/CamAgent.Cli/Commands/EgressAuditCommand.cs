using CamAgent.Cli.Egress;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent egress audit`: judges every flow from the camera network in a packet capture.</summary>
public sealed class EgressAuditCommand : ICommand
{
    public string Name => "egress audit";

    public string Summary => "judge every camera flow in a pcap/pcapng capture against the egress policy";

    public string Help => """
        Usage: camagent egress audit CAPTURE (--pki DIR | --agency-host NAME) --camera-net CIDR
                                     --agency-address IP [--dns IP] [--json]

        Reads a capture file (pcap or pcapng, as tcpdump, tshark, dumpcap or Wireshark write them)
        one packet at a time and reports every flow from the camera network: addresses, protocol,
        ports, packets and bytes each way, first and last time, the TLS server name (SNI) and the
        DNS questions. Each flow is judged against the same policy as 'egress policy': TCP 443 to
        the agency address with the agency host as SNI, UDP 123 to the agency address, DNS only to
        the --dns resolver and only for the agency host name, DHCP. Everything else is a violation.
        Memory depends on the number of flows, not on the size of the capture.

        """ + EgressArguments.Help + """

          --json                 the report as JSON on standard output

        Exit codes: 0 clean, 1 violations, 2 usage, 3 the capture or a value could not be read,
        7 libpcap is not installed.

        Example:
          tcpdump -i cam0 -w cameras.pcap            # on the camera side of the gateway
          camagent egress audit cameras.pcap --agency-host evidence.pd.example \
              --camera-net 10.20.0.0/16 --agency-address 198.51.100.10
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, EgressArguments.PolicyOptions, ["--json"], 1, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        if (arguments.Positionals.Count != 1)
        {
            return PkiExit.Usage(Name, "name one capture file.", context);
        }

        int built = EgressArguments.TryBuild(Name, arguments, context, out EgressPolicy? policy);
        if (built != ExitCodes.Ok)
        {
            return built;
        }

        AuditResult? result;
        try
        {
            result = AuditResult.Run(arguments.Positionals[0], policy!, out problem!);
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

        if (arguments.Flag("--json"))
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

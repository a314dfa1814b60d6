using CamAgent.Cli.Egress;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent egress policy`: the nftables ruleset for the gateway of the camera network.</summary>
public sealed class EgressPolicyCommand : ICommand
{
    public string Name => "egress policy";

    public string Summary => "write the camera network gateway's nftables ruleset (agency on 443 and 123 only)";

    public string Help => """
        Usage: camagent egress policy (--pki DIR | --agency-host NAME) --camera-net CIDR
                                      --agency-address IP [--dns IP] [--output FILE]

        Writes an nftables ruleset for the gateway (router or firewall) of the camera network.
        Cameras may reach the agency address on TCP 443 (evidence) and UDP 123 (time), and the
        resolver on port 53 if --dns is given; replies come back. Everything else the cameras send,
        through the gateway or to it, is counted, logged with the prefix "camagent-egress-drop: "
        and dropped. Loading the file again replaces the table 'inet camagent_egress' atomically
        and leaves every other table alone (docs/agency-network.md).

        """ + EgressArguments.Help + """

          --output FILE          write the ruleset to FILE instead of standard output

        Exit codes: 0 written, 2 usage, 3 a value refused (not a CIDR, not an IPv4 address, an IP
        literal where the agency host name is needed, an address inside the camera network).

        Example:
          camagent egress policy --pki /srv/camagent/pki --camera-net 10.20.0.0/16 \
              --agency-address 198.51.100.10 --output /etc/nftables.d/camagent-egress.nft
          nft -c -f /etc/nftables.d/camagent-egress.nft && nft -f /etc/nftables.d/camagent-egress.nft
          nft list counters table inet camagent_egress
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, [.. EgressArguments.PolicyOptions, "--output"], [], 0, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        int built = EgressArguments.TryBuild(Name, arguments, context, out EgressPolicy? policy);
        if (built != ExitCodes.Ok)
        {
            return built;
        }

        string ruleset = NftablesRuleset.Render(policy!);
        string? file = arguments.Value("--output");
        if (file is null)
        {
            context.Output.Write(ruleset);
        }
        else
        {
            // Atomic, replacing a previous ruleset: a gateway never loads half a file.
            SecureFile.WriteText(file, ruleset, secret: false, overwrite: true);
            context.Error.WriteLine($"camagent egress policy: wrote {file}; check it with 'nft -c -f {file}', load it with 'nft -f {file}'.");
        }

        return ExitCodes.Ok;
    }
}

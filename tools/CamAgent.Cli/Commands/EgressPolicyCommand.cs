using System.CommandLine;
using CamAgent.Cli.Egress;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent egress policy`: the nftables ruleset for the gateway of the camera network.</summary>
public sealed class EgressPolicyCommand : Verb
{
    private readonly EgressArguments _policy = new();
    private readonly Option<string> _out = CliOptions.Text("--out", "FILE", "write the ruleset to FILE (replaced atomically) instead of standard output", required: false);

    public override string Name => "egress policy";

    public override string Summary => "Write the camera network gateway's nftables ruleset (agency on 443 and 123 only).";

    public override string Details => """
        Writes an nftables ruleset for the gateway (router or firewall) of the camera network.
        Cameras may reach the agency address on TCP 443 (evidence) and UDP 123 (time), and the
        resolver on port 53 if --dns is given; replies come back. Everything else the cameras send,
        through the gateway or to it, is counted, logged with the prefix "camagent-egress-drop: "
        and dropped. Loading the file again replaces the table 'inet camagent_egress' atomically
        and leaves every other table alone (docs/agency-network.md).
        """;

    public override string ExitCodeText => "0 written; 2 usage; 3 a value refused (not a CIDR, not an IPv4 address, an IP literal as the host name, an address inside the camera network).";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent egress policy --pki /srv/camagent/pki --camera-net 10.20.0.0/16 \\",
        "    --agency-address 198.51.100.10 --out /etc/nftables.d/camagent-egress.nft",
        "nft -c -f /etc/nftables.d/camagent-egress.nft && nft -f /etc/nftables.d/camagent-egress.nft",
        "nft list counters table inet camagent_egress",
    ];

    protected override IEnumerable<Option> Options => [.. _policy.Options, _out];

    protected override void Validate(System.CommandLine.Parsing.CommandResult result) => _policy.Validate(result);

    protected override int Execute(ParseResult parse, CliContext context)
    {
        int built = _policy.TryBuild(Name, parse, context, out EgressPolicy? policy);
        if (built != ExitCodes.Ok)
        {
            return built;
        }

        string ruleset = NftablesRuleset.Render(policy!);
        string? file = parse.GetValue(_out);
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

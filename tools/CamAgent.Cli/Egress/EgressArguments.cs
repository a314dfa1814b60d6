using System.CommandLine;
using System.CommandLine.Parsing;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Egress;

/// <summary>
/// The options both `egress` verbs share: where the agency host name comes from (--pki DIR, or
/// --agency-host NAME on a gateway that must not hold the PKI folder), --camera-net, --agency-address, --dns.
/// </summary>
public sealed class EgressArguments
{
    private readonly Option<string> _pki = CliOptions.Pki(required: false);
    private readonly Option<string> _host = CliOptions.Text("--agency-host", "NAME", "the agency host name, instead of --pki (a gateway need not hold the PKI)", required: false);
    private readonly Option<string> _cameras = CliOptions.Text("--camera-net", "CIDR", "the cameras' IPv4 network, e.g. 10.20.0.0/16", required: true);
    private readonly Option<string> _agency = CliOptions.Text("--agency-address", "IP", "the ingest host's IPv4 address (evidence on TCP 443, time on UDP 123)", required: true);
    private readonly Option<string> _dns = CliOptions.Text("--dns", "IP", "the resolver cameras may ask for the agency host name on port 53; leave out when the device configurations carry agency.address", required: false);

    public IEnumerable<Option> Options => [_pki, _host, _cameras, _agency, _dns];

    /// <summary>Exactly one of --pki and --agency-host.</summary>
    public void Validate(CommandResult result) => CliOptions.ExactlyOne(result, _pki, _host);

    /// <summary>
    /// Builds the policy. Returns <see cref="ExitCodes.Ok"/> or <see cref="ExitCodes.BadInput"/>
    /// (a value refused, or the PKI folder unusable), with one line on the error stream.
    /// </summary>
    public int TryBuild(string verb, ParseResult parse, CliContext context, out EgressPolicy? policy)
    {
        policy = null;
        string? host = parse.GetValue(_host);
        if (parse.GetValue(_pki) is string pki)
        {
            PkiResult<AgencyPki> opened = AgencyPki.Open(pki);
            if (!opened.Ok)
            {
                context.Error.WriteLine($"camagent {verb}: {opened.Message}");
                return ExitCodes.BadInput;
            }

            host = opened.Value!.Settings.IngestHost;
        }

        if (!EgressPolicy.TryCreate(host!, parse.GetValue(_cameras)!, parse.GetValue(_agency)!, parse.GetValue(_dns), out policy, out string problem))
        {
            context.Error.WriteLine($"camagent {verb}: {problem}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }
}

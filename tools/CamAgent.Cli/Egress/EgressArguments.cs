using CamAgent.Provisioning;

namespace CamAgent.Cli.Egress;

/// <summary>
/// The options both `egress` verbs share: where the agency host name comes from (--pki DIR, or
/// --agency-host NAME on a gateway that must not hold the PKI folder), --camera-net, --agency-address, --dns.
/// </summary>
public static class EgressArguments
{
    /// <summary>Value options every egress verb accepts.</summary>
    public static readonly string[] PolicyOptions = ["--pki", "--agency-host", "--camera-net", "--agency-address", "--dns"];

    /// <summary>Help text for the shared options.</summary>
    public const string Help = """
          --pki DIR              the agency PKI folder: the agency host name is read from it
          --agency-host NAME     the agency host name, instead of --pki (a gateway need not hold the PKI)
          --camera-net CIDR      the cameras' IPv4 network, e.g. 10.20.0.0/16
          --agency-address IP    the ingest host's IPv4 address (evidence on TCP 443, time on UDP 123)
          --dns IP               the resolver cameras may ask for the agency host name on port 53;
                                 leave out when the device configurations carry agency.address
        """;

    /// <summary>
    /// Builds the policy. Returns <see cref="ExitCodes.Ok"/>, <see cref="ExitCodes.Usage"/> (an option
    /// missing) or <see cref="ExitCodes.BadInput"/> (a value refused), with one line on the error stream.
    /// </summary>
    public static int TryBuild(string verb, Arguments arguments, CliContext context, out EgressPolicy? policy)
    {
        policy = null;
        string? pki = arguments.Value("--pki");
        string? host = arguments.Value("--agency-host");
        string? cameras = arguments.Value("--camera-net");
        string? agency = arguments.Value("--agency-address");
        if ((pki is null) == (host is null) || cameras is null || agency is null)
        {
            return PkiExit.Usage(verb, "give --pki DIR or --agency-host NAME (one of them), --camera-net CIDR and --agency-address IP.", context);
        }

        if (pki is not null)
        {
            PkiResult<AgencyPki> opened = AgencyPki.Open(pki);
            if (!opened.Ok)
            {
                context.Error.WriteLine($"camagent {verb}: {opened.Message}");
                return ExitCodes.BadInput;
            }

            host = opened.Value!.Settings.IngestHost;
        }

        if (!EgressPolicy.TryCreate(host!, cameras, agency, arguments.Value("--dns"), out policy, out string problem))
        {
            context.Error.WriteLine($"camagent {verb}: {problem}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent bundle create`: the signed file that provisions one camera.</summary>
public sealed class BundleCreateCommand : Verb
{
    private readonly Option<string> _pki = CliOptions.Pki();
    private readonly Option<string> _device = CliOptions.Device("an enrolled, valid, unrevoked device", required: true);
    private readonly Option<string> _board = CliOptions.Board();
    private readonly Option<string> _ssid = CliOptions.Text("--wifi-ssid", "SSID", "the network the camera uploads through", required: true);
    private readonly Option<string> _out = CliOptions.Out("the bundle to write (never overwritten)");
    private readonly Option<long> _chunkSize = CliOptions.Number("--chunk-size", "BYTES", "upload chunk size, a power of two from 4096 to 16384 (default 16384)", minimum: 1);
    private readonly Option<string> _agencyAddress = CliOptions.Text("--agency-address", "IP", "the ingest host's IPv4 address: the camera dials it and asks it for time without DNS (TLS still checks the host name)", required: false);
    private readonly Option<string> _boards = CliOptions.Boards();
    private readonly Secrets _wifi = Secrets.WifiPassword();
    private readonly Secrets _passphrase = Secrets.Passphrase();

    public override string Name => "bundle create";

    public override string Summary => "Make the signed device bundle (configuration, credentials, board) for one camera.";

    public override string Details => """
        Writes FILE (mode 0600): a COSE_Sign1 signed with the agency's bundle-signing key, carrying
        the device configuration (device id, agency host, pinned agency root CA, device certificate,
        the device key when the PKI generated it, receipt-signing public key, Wi-Fi settings, upload
        chunk size) and the board profile. Everything is checked together before anything is signed;
        each new bundle of a device has a larger configuration serial, so a device refuses an older
        one. The format is in docs/device-bundle.md; --agency-address in docs/agency-network.md.
        Flash it with 'camagent board flash --bundle'. The CA passphrase and the Wi-Fi password
        cannot both come from standard input.
        """;

    public override string ExitCodeText => "0 written; 2 usage; 3 bad value or board profile; 4 revoked or expired device; 5 FILE exists; 8 no such device or board.";

    public override IReadOnlyList<string> Examples =>
    [
        "read -rs WIFI_PASS && export WIFI_PASS",
        "camagent bundle create --pki /srv/camagent/pki --device cam-0042 --board ai-thinker-esp32-cam \\",
        "    --wifi-ssid \"PD Fleet\" --wifi-password-env WIFI_PASS --out cam-0042.bundle.cose",
    ];

    protected override IEnumerable<Option> Options => [_pki, _device, _board, _ssid, _out, _chunkSize, _agencyAddress, .. _wifi.Options, .. _passphrase.Options, _boards];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        if (parse.GetValue(_wifi.Stdin) && parse.GetValue(_passphrase.Stdin))
        {
            return PkiExit.Usage(Name, "the CA passphrase and the Wi-Fi password cannot both come from standard input.", context);
        }

        if (!_passphrase.TryRead(parse, context, out string? passphrase, out string problem) || !_wifi.TryRead(parse, context, out string? wifiPassword, out problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string output = parse.GetValue(_out)!;
        if (File.Exists(output))
        {
            context.Error.WriteLine($"camagent {Name}: {output} already exists; a bundle is never overwritten.");
            return ExitCodes.Conflict;
        }

        long? chunk = parse.GetResult(_chunkSize) is null ? null : parse.GetValue(_chunkSize);
        int? chunkSize = chunk is null ? null : (int)Math.Min(chunk.Value, int.MaxValue);
        var options = new BundleFactory.Options(parse.GetValue(_ssid)!, wifiPassword, chunkSize, parse.GetValue(_agencyAddress));
        return Create(parse, options, passphrase, output, context);
    }

    private int Create(ParseResult parse, BundleFactory.Options options, string? passphrase, string output, CliContext context)
    {
        PkiResult<AgencyPki> pki = AgencyPki.Open(parse.GetValue(_pki)!);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        string boardName = parse.GetValue(_board)!;
        PkiResult<BoardValidation> board = BoardFolder.Catalog(parse.GetValue(_boards)).Load(boardName);
        if (!board.Ok)
        {
            return PkiExit.Report(Name, board, context);
        }

        if (!board.Value!.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: the board profile '{boardName}' is invalid: {string.Join(" ", board.Value.Errors)}");
            return ExitCodes.BadInput;
        }

        string device = parse.GetValue(_device)!;
        PkiResult<byte[]> bundle = new BundleFactory(pki.Value!).Create(device, board.Value, options, passphrase, DateTimeOffset.UtcNow);
        if (!bundle.Ok)
        {
            return PkiExit.Report(Name, bundle, context);
        }

        SecureFile.Write(output, bundle.Value!, secret: true, overwrite: false);
        context.Output.WriteLine($"Wrote the device bundle for {device} ({board.Value.Profile!.DisplayName}) to {Path.GetFullPath(output)} ({bundle.Value!.Length} bytes, mode 0600).");
        context.Output.WriteLine("It may hold the device key and the Wi-Fi password: keep it secret, and delete it once the camera is flashed.");
        return ExitCodes.Ok;
    }
}

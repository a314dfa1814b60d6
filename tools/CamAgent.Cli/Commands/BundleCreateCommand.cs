using System.Globalization;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent bundle create`: the signed file that provisions one camera.</summary>
public sealed class BundleCreateCommand : ICommand
{
    private const string WifiPasswordEnvOption = "--wifi-password-env";
    private const string WifiPasswordStdinOption = "--wifi-password-stdin";

    public string Name => "bundle create";

    public string Summary => "make the signed device bundle (config, credentials, board) for one camera";

    public string Help => """
        Usage: camagent bundle create --pki DIR --device ID --board NAME --wifi-ssid SSID --out FILE
                                      [--wifi-password-env VAR | --wifi-password-stdin] [--chunk-size BYTES]
                                      [--agency-address IP]
                                      [--passphrase-env VAR | --passphrase-stdin] [--boards DIR]

        Writes FILE (mode 0600): a COSE_Sign1 signed with the agency's bundle-signing key, carrying
        the device configuration (device id, agency host, pinned agency root CA, device certificate,
        the device key when the PKI generated it, receipt-signing public key, Wi-Fi settings, upload
        chunk size) and the board profile. Everything is checked together before anything is signed;
        each new bundle of a device has a larger configuration serial, so a device refuses an older
        one. The format is in docs/device-bundle.md. Flash it with 'camagent board flash --bundle'.
          --device ID              an enrolled, valid, unrevoked device
          --board NAME             a board profile ('camagent board list')
          --wifi-ssid SSID         the network the camera uploads through
          --wifi-password-env VAR  read the Wi-Fi password from environment variable VAR
          --wifi-password-stdin    read the Wi-Fi password from the first line of standard input
          --chunk-size BYTES       upload chunk size, a power of two from 4096 to 16384 (default 16384)
          --agency-address IP      the ingest host's IPv4 address: the camera dials it and asks it for
                                   time without DNS (TLS still checks the host name); see
                                   docs/agency-network.md
          --out FILE               the bundle to write (never overwritten)
        The CA passphrase (for an encrypted bundle-signing key) and the Wi-Fi password cannot both
        come from standard input.
        """ + "\n" + Secrets.PassphraseHelp + """


        Example:
          read -rs WIFI_PASS && export WIFI_PASS
          camagent bundle create --pki /srv/camagent/pki --device cam-0042 \
            --board ai-thinker-esp32-cam --wifi-ssid "PD Fleet" --wifi-password-env WIFI_PASS --out cam-0042.bundle.cose
        """;

    public int Run(string[] args, CliContext context)
    {
        string[] values = ["--pki", "--device", "--board", "--wifi-ssid", "--out", "--chunk-size", "--agency-address", WifiPasswordEnvOption, BoardFolder.Option, .. Secrets.PassphraseValueOptions];
        if (!Arguments.TryParse(args, values, [WifiPasswordStdinOption, .. Secrets.PassphraseFlagOptions], 0, out Arguments a, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? folder = a.Value("--pki"), device = a.Value("--device"), boardName = a.Value("--board"), ssid = a.Value("--wifi-ssid"), output = a.Value("--out");
        if (folder is null || device is null || boardName is null || ssid is null || output is null)
        {
            return PkiExit.Usage(Name, "--pki, --device, --board, --wifi-ssid and --out are required.", context);
        }

        int? chunkSize = null;
        if (a.Value("--chunk-size") is string chunkText)
        {
            if (!int.TryParse(chunkText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return PkiExit.Usage(Name, "--chunk-size must be a whole number of bytes.", context);
            }

            chunkSize = parsed;
        }

        if (a.Flag(WifiPasswordStdinOption) && a.Flag(Secrets.PassphraseStdinOption))
        {
            return PkiExit.Usage(Name, "the CA passphrase and the Wi-Fi password cannot both come from standard input.", context);
        }

        if (!Secrets.TryGetPassphrase(a, context, out string? passphrase, out problem)
            || !Secrets.TryRead(a.Value(WifiPasswordEnvOption), a.Flag(WifiPasswordStdinOption), "Wi-Fi password", context, out string? wifiPassword, out problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        if (File.Exists(output))
        {
            context.Error.WriteLine($"camagent {Name}: {output} already exists; a bundle is never overwritten.");
            return ExitCodes.Conflict;
        }

        return Create(folder, device, boardName, new BundleFactory.Options(ssid, wifiPassword, chunkSize, a.Value("--agency-address")), passphrase, output, a, context);
    }

    private int Create(string folder, string device, string boardName, BundleFactory.Options options, string? passphrase, string output, Arguments a, CliContext context)
    {
        PkiResult<AgencyPki> pki = AgencyPki.Open(folder);
        if (!pki.Ok)
        {
            return PkiExit.Report(Name, pki, context);
        }

        PkiResult<BoardValidation> board = BoardFolder.Catalog(a).Load(boardName);
        if (!board.Ok)
        {
            return PkiExit.Report(Name, board, context);
        }

        if (!board.Value!.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: the board profile '{boardName}' is invalid: {string.Join(" ", board.Value.Errors)}");
            return ExitCodes.BadInput;
        }

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

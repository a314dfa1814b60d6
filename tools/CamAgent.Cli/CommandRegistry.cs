using CamAgent.Cli.Commands;

namespace CamAgent.Cli;

/// <summary>The verbs `camagent` knows, in the order `--help` lists them, and the parent words that group them.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<VerbGroup> Groups { get; } =
    [
        new("pki", "The agency PKI: create it, rotate the ingest server's TLS certificate.",
            ["camagent pki init --pki /srv/camagent/pki --agency \"Example County PD\" --host evidence.example-county.gov --passphrase-env PASS", "camagent pki server-cert --pki /srv/camagent/pki --passphrase-env PASS"]),
        new("se", "A device's ATECC608 secure element over its serial console: inspect, request a certificate, install it.",
            ["camagent se info --serial-port /dev/ttyUSB0", "camagent se csr --serial-port /dev/ttyUSB0 --device cam-0042 --out cam-0042.csr.pem"]),
        new("bundle", "Signed device bundles: make one for a camera, check one.",
            ["camagent bundle verify --bundle cam-0042.bundle.cose --pki /srv/camagent/pki"]),
        new("board", "Camera board profiles and flashing: list, show, flash (nanoff, stage by stage).",
            ["camagent board list", "camagent board flash --board ai-thinker-esp32-cam --serial-port /dev/ttyUSB0 --image CamAgent.Device.bin --bundle cam-0042.bundle.cose --run"]),
        new("audit", "The ingest server's hash-chained audit log.", ["camagent audit verify --store /srv/camagent/store"]),
        new("egress", "The camera network: the gateway's nftables policy and audits of packet captures.",
            ["camagent egress policy --pki /srv/camagent/pki --camera-net 10.20.0.0/16 --agency-address 198.51.100.10 --out camagent-egress.nft"]),
        new("store", "Cluster stores: export one as a store folder for verification.", ["camagent store export --config /etc/camagent/ingest.json --to /srv/export/2026-12-07"]),
        new("completion", "Shell completion for camagent.", ["source <(camagent completion bash)"]),
    ];

    /// <summary>A new instance of every verb (each parse builds its own command tree).</summary>
    public static IReadOnlyList<Verb> Create() =>
    [
        new PkiInitCommand(),
        new PkiServerCertCommand(),
        new SeInfoCommand(),
        new SeCsrCommand(),
        new EnrolCommand(),
        new SeInstallCommand(),
        new RenewCommand(),
        new RevokeCommand(),
        new DevicesCommand(),
        new BundleCreateCommand(),
        new BundleVerifyCommand(),
        new BoardListCommand(),
        new BoardShowCommand(),
        new BoardFlashCommand(),
        new VerifyCommand(),
        new ServeCommand(),
        new AuditVerifyCommand(),
        new StoreExportCommand(),
        new EgressPolicyCommand(),
        new EgressAuditCommand(),
        new SimCommand(),
        new DemoCommand(),
        new CompletionCommand(),
        new CompletionWordsCommand(),
    ];

    /// <summary>Every verb, for listings and tests.</summary>
    public static IReadOnlyList<Verb> All { get; } = Create();
}

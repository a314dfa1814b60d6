using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Verification;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent verify`: offline verification of stored evidence (docs/evidence-format.md §7).</summary>
public sealed class VerifyCommand : ICommand
{
    /// <summary>A PEM file of agency certificates is a few KiB; anything this large is not one.</summary>
    private const long MaxPemBytes = 1024 * 1024;

    public string Name => "verify";

    public string Summary => "Verify stored evidence offline against the agency CA (chain-of-custody report)";

    public string Help => """
        Usage: camagent verify <folder> --ca <agency-certificates.pem> [options]

        Verifies, offline, everything stored under <folder>: either a store as the ingest server
        writes it (<folder>/devices/<device-id>/...) or one device folder. For every record it
        checks the device certificate against the agency certificates, the ES256 signature, the
        content digest of the segment, the server receipt, and for the whole chain the sequence
        numbers, the links between records and the time attestation. When the store holds the
        server's audit log (<folder>/audit.log), or one is named with --audit-log, every record the
        log says was stored must still be in the store. Nothing is written and the network is never
        used.

        Options:
          --ca FILE               PEM file with the agency root CA and, if the store does not keep it
                                  in <folder>/issuers/, the device-issuing CA; may be given several
                                  times. Required. Only these certificates are trusted.
          --receipt-signer FILE   PEM of the receipt-signing certificate to pin (default: any agency
                                  certificate with the CamAgent receipt-signing usage).
          --audit-log FILE        the ingest server's audit log to compare the store with (default:
                                  <folder>/audit.log when there is one).
          --from-sequence N       the store holds the chain from sequence N on (older records were
                                  removed under a retention policy); default 0.
          --no-receipts           do not warn about records without a receipt.
          --json                  print the report as JSON instead of text.

        Exit codes: 0 the evidence is valid; 1 it is NOT valid (see the findings);
                    2 wrong command line; 3 the folder or a certificate file cannot be used.

        Example:
          camagent verify /srv/camagent/store --ca pki/ca/root-ca.crt.pem
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!VerifyArguments.TryParse(args, out VerifyArguments? parsed, out string? usage))
        {
            context.Error.WriteLine("camagent verify: " + usage + " (see 'camagent verify --help')");
            return ExitCodes.Usage;
        }

        var agency = new X509Certificate2Collection();
        X509Certificate2? receiptSigner = null;
        try
        {
            foreach (string file in parsed!.CaFiles)
            {
                agency.AddRange(LoadPem(file));
            }

            if (parsed.ReceiptSignerFile is not null)
            {
                receiptSigner = LoadPem(parsed.ReceiptSignerFile)[0];
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException)
        {
            context.Error.WriteLine("camagent verify: " + exception.Message);
            return ExitCodes.BadInput;
        }

        var options = new VerificationOptions(agency.ToArray())
        {
            FirstSequence = parsed.FirstSequence,
            ExpectReceipts = parsed.ExpectReceipts,
            ReceiptSigner = receiptSigner,
            AuditLogPath = parsed.AuditLogFile,
        };
        VerificationReport? report = EvidenceVerifier.Verify(parsed.Folder, options, out string? problem);
        if (report is null)
        {
            context.Error.WriteLine("camagent verify: " + problem);
            return ExitCodes.BadInput;
        }

        if (parsed.Json)
        {
            ReportWriter.WriteJson(report, context.Output);
        }
        else
        {
            ReportWriter.WriteText(report, context.Output);
        }

        return report.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static X509Certificate2[] LoadPem(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new IOException($"'{file}' does not exist");
        }

        if (info.Length > MaxPemBytes)
        {
            throw new InvalidDataException($"'{file}' is too large to be a certificate file");
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(File.ReadAllText(file));
        if (collection.Count == 0)
        {
            throw new InvalidDataException($"'{file}' holds no PEM certificate");
        }

        return collection.ToArray();
    }

    /// <summary>The parsed command line.</summary>
    private sealed class VerifyArguments
    {
        public string Folder { get; private set; } = string.Empty;

        public List<string> CaFiles { get; } = new();

        public string? ReceiptSignerFile { get; private set; }

        public string? AuditLogFile { get; private set; }

        public long FirstSequence { get; private set; }

        public bool ExpectReceipts { get; private set; } = true;

        public bool Json { get; private set; }

        public static bool TryParse(string[] args, out VerifyArguments? parsed, out string? usage)
        {
            var result = new VerifyArguments();
            parsed = null;
            usage = null;
            for (int i = 0; i < args.Length; i++)
            {
                string? value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--ca" when value is not null: result.CaFiles.Add(value); i++; break;
                    case "--receipt-signer" when value is not null: result.ReceiptSignerFile = value; i++; break;
                    case "--audit-log" when value is not null: result.AuditLogFile = value; i++; break;
                    case "--from-sequence" when value is not null:
                        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long first))
                        {
                            usage = $"--from-sequence needs a non-negative integer, not '{value}'";
                            return false;
                        }

                        result.FirstSequence = first;
                        i++;
                        break;
                    case "--no-receipts": result.ExpectReceipts = false; break;
                    case "--json": result.Json = true; break;
                    default:
                        if (args[i].StartsWith('-') || result.Folder.Length > 0)
                        {
                            usage = $"unexpected argument '{args[i]}'";
                            return false;
                        }

                        result.Folder = args[i];
                        break;
                }
            }

            usage = result.Folder.Length == 0 ? "the folder to verify is missing" : result.CaFiles.Count == 0 ? "--ca is required" : null;
            parsed = usage is null ? result : null;
            return usage is null;
        }
    }
}

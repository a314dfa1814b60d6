using CamAgent.Ingest;
using CamAgent.Provisioning;

namespace CamAgent.Cli;

/// <summary>
/// Ingest server options for an agency PKI folder as `camagent pki init` lays it out. The paths
/// come from <see cref="PkiLayout"/>, the one place that knows that layout, so `serve --pki` and
/// the demo cannot drift from what the PKI verbs write.
/// </summary>
public static class PkiServerOptions
{
    /// <summary>Options with every certificate, key and revocation-list path of <paramref name="pkiFolder"/>; listen address and port keep their defaults.</summary>
    public static IngestOptions For(string pkiFolder, string storePath)
    {
        var layout = new PkiLayout(pkiFolder);
        return new IngestOptions
        {
            StorePath = Path.GetFullPath(storePath),
            DeviceCaPath = layout.DeviceCaCertificate,
            RootCaPath = layout.RootCaCertificate,
            ServerCertificatePath = layout.ServerCertificate,
            ServerKeyPath = layout.ServerKey,
            ReceiptCertificatePath = layout.ReceiptCertificate,
            ReceiptKeyPath = layout.ReceiptKey,
            RevocationListPath = layout.RevocationListFile,
        };
    }
}

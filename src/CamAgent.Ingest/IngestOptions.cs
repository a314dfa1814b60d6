using System.Net;

namespace CamAgent.Ingest;

/// <summary>
/// Configuration of the ingest server (docs/ingest-server.md). Paths name files; secrets are
/// read from files (mode 0600 on Unix), never from the command line.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>Address to listen on.</summary>
    public string ListenAddress { get; set; } = IPAddress.Any.ToString();

    /// <summary>TCP port; devices only ever dial 443. 0 picks a free port (tests).</summary>
    public int Port { get; set; } = CamAgent.Core.Egress.EgressGate.AgencyPort;

    /// <summary>Root of the evidence store (layout in docs/ingest-server.md).</summary>
    public string StorePath { get; set; } = "";

    /// <summary>PEM certificate chain of the server's TLS certificate (leaf first).</summary>
    public string ServerCertificatePath { get; set; } = "";

    /// <summary>PEM private key of the server's TLS certificate (secret: mode 0600).</summary>
    public string ServerKeyPath { get; set; } = "";

    /// <summary>
    /// PEM file: the agency CA that issues device certificates, optionally followed by its issuers
    /// up to the agency root. Clients are accepted only with a certificate this CA issued.
    /// </summary>
    public string DeviceCaPath { get; set; } = "";

    /// <summary>PEM file with the agency root CA (and any CA between it and the device CA); required unless <see cref="DeviceCaPath"/> already ends with the root (checked at start).</summary>
    public string RootCaPath { get; set; } = "";

    /// <summary>PEM certificate of the receipt-signing key (carried in every receipt's x5chain).</summary>
    public string ReceiptCertificatePath { get; set; } = "";

    /// <summary>PEM P-256 private key that signs receipts (secret: mode 0600).</summary>
    public string ReceiptKeyPath { get; set; } = "";

    /// <summary>Revocation list (one hex serial per line, '#' comments); re-read when it changes. Empty: none.</summary>
    public string RevocationListPath { get; set; } = "";

    /// <summary>Resource limits.</summary>
    public IngestLimits Limits { get; set; } = new();

    /// <summary>The cluster store (PostgreSQL and S3, docs/ingest-cluster.md); null: the filesystem store at <see cref="StorePath"/>.</summary>
    public Cluster.ClusterOptions? Cluster { get; set; }

    /// <summary>Throws <see cref="IngestConfigurationException"/> naming the first missing or invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            throw new IngestConfigurationException($"listenAddress '{ListenAddress}' is not an IP address.");
        }

        if (Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new IngestConfigurationException($"port {Port} is out of range.");
        }

        if (Cluster is null)
        {
            RequirePath(StorePath, "storePath");
        }
        else
        {
            Cluster.Validate();
        }

        RequirePath(ServerCertificatePath, "serverCertificatePath");
        RequirePath(ServerKeyPath, "serverKeyPath");
        RequirePath(DeviceCaPath, "deviceCaPath");
        RequirePath(ReceiptCertificatePath, "receiptCertificatePath");
        RequirePath(ReceiptKeyPath, "receiptKeyPath");
        Limits.Validate();
    }

    private static void RequirePath(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new IngestConfigurationException($"{name} is required.");
        }
    }
}

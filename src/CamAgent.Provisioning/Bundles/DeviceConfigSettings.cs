namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// What goes into a device configuration (format version 1, docs/agent.md §3). Secrets
/// (<see cref="DevicePrivateKey"/>, <see cref="WifiPassword"/>) are never printed.
/// </summary>
public sealed record DeviceConfigSettings
{
    /// <summary>Must grow with every configuration a device receives (the device refuses older ones).</summary>
    public required long Serial { get; init; }
    public required string DeviceId { get; init; }
    public required string AgencyHost { get; init; }

    /// <summary>The agency host's IPv4 address (agency.address): the camera then sends no DNS. Null: resolve the host.</summary>
    public string? AgencyAddress { get; init; }

    /// <summary>DER of the agency root CA the server certificate chains to.</summary>
    public required byte[] AgencyCaDer { get; init; }
    public required byte[] DeviceCertificateDer { get; init; }

    /// <summary>The 32-byte P-256 private scalar for the software signer; null when a secure element holds the key.</summary>
    public byte[]? DevicePrivateKey { get; init; }

    /// <summary>65-byte SEC1 uncompressed point of the ingest server's receipt-signing key.</summary>
    public required byte[] ReceiptPublicKey { get; init; }
    public required string WifiSsid { get; init; }
    public string? WifiPassword { get; init; }

    /// <summary>Upload chunk size; null keeps the device default (16384).</summary>
    public int? ChunkSizeBytes { get; init; }
}

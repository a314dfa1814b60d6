namespace CamAgent.Provisioning;

/// <summary>
/// Where each piece of the agency PKI lives inside its folder (the `--pki DIR` of `camagent`).
/// The layout is part of the documented interface: the ingest server reads the device CA, its
/// own certificate and keys, and the revocation list from here (docs/agency-it-guide.md).
/// </summary>
public sealed class PkiLayout
{
    public PkiLayout(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Agency name, ingest host name and creation time (JSON).</summary>
    public string SettingsFile => Path.Combine(Root, "pki.json");

    public string RootCaCertificate => Path.Combine(Root, "ca", "root-ca.crt.pem");
    public string RootCaKey => Path.Combine(Root, "ca", "root-ca.key.pem");
    public string DeviceCaCertificate => Path.Combine(Root, "ca", "device-ca.crt.pem");
    public string DeviceCaKey => Path.Combine(Root, "ca", "device-ca.key.pem");

    public string ServerCertificate => Path.Combine(Root, "server", "tls.crt.pem");
    public string ServerKey => Path.Combine(Root, "server", "tls.key.pem");
    public string ReceiptCertificate => Path.Combine(Root, "server", "receipt-signing.crt.pem");
    public string ReceiptKey => Path.Combine(Root, "server", "receipt-signing.key.pem");

    public string BundleSignerCertificate => Path.Combine(Root, "ca", "bundle-signing.crt.pem");
    public string BundleSignerKey => Path.Combine(Root, "ca", "bundle-signing.key.pem");

    /// <summary>The revocation list the ingest server reads (format: <see cref="RevocationList"/>).</summary>
    public string RevocationListFile => Path.Combine(Root, "revoked-serials.txt");

    public string DevicesFolder => Path.Combine(Root, "devices");

    public string DeviceFolder(string deviceId) => Path.Combine(DevicesFolder, deviceId);

    public const string DeviceCertificateFileName = "device.crt.pem";
    public const string DeviceKeyFileName = "device.key.pem";

    public string DeviceCertificate(string deviceId) => Path.Combine(DeviceFolder(deviceId), DeviceCertificateFileName);

    /// <summary>Present only for devices enrolled with a generated key (not for CSR or secure-element enrolment).</summary>
    public string DeviceKey(string deviceId) => Path.Combine(DeviceFolder(deviceId), DeviceKeyFileName);

    /// <summary>Earlier certificates of a device (renewed), named by serial, kept so revocation covers them too.</summary>
    public string DeviceHistoryFolder(string deviceId) => Path.Combine(DeviceFolder(deviceId), "history");
}

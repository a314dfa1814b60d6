using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CamAgent.Verification.Revocation;

namespace CamAgent.Provisioning;

/// <summary>
/// Enrolment, renewal, revocation and listing of cameras in an <see cref="AgencyPki"/> folder.
/// Each device has a folder named by its id holding its current certificate (and its key when the
/// PKI generated it); renewed certificates move to history/ so revocation still covers them.
/// A device id is never reused: enrolling an id that has a folder is a conflict, even if revoked.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly AgencyPki pki;

    public DeviceRegistry(AgencyPki pki)
    {
        this.pki = pki ?? throw new ArgumentNullException(nameof(pki));
    }

    /// <summary>Enrols the device that made <paramref name="csrPem"/> (checked by <see cref="CsrInspector"/>).</summary>
    public PkiResult<DeviceRecord> EnrolFromCsr(string csrPem, string? passphrase, DateTimeOffset now)
    {
        PkiResult<CsrInspector.Accepted> request = CsrInspector.Inspect(csrPem);
        if (!request.Ok)
        {
            return request.As<DeviceRecord>();
        }

        return Enrol(request.Value!.DeviceId, request.Value.PublicKey, null, passphrase, now);
    }

    /// <summary>Enrols <paramref name="deviceId"/> with a new P-256 key generated here (written 0600 for the device bundle).</summary>
    public PkiResult<DeviceRecord> EnrolGenerated(string deviceId, string? passphrase, DateTimeOffset now)
    {
        if (!Names.IsValidDeviceId(deviceId))
        {
            return PkiResult<DeviceRecord>.Fail(PkiError.BadInput, $"'{deviceId}' is not a valid device id ({Names.DeviceIdRule}).");
        }

        using ECDsa key = KeyFiles.NewP256();
        return Enrol(deviceId, new PublicKey(key), key, passphrase, now);
    }

    /// <summary>Issues a new certificate for the same device key with a fresh validity period; the old one goes to history.</summary>
    public PkiResult<DeviceRecord> Renew(string deviceId, string? passphrase, DateTimeOffset now)
    {
        PkiResult<DeviceRecord> existing = Find(deviceId, now);
        if (!existing.Ok)
        {
            return existing;
        }

        if (existing.Value!.State == DeviceState.Revoked)
        {
            return PkiResult<DeviceRecord>.Fail(PkiError.CredentialRefused, $"Device '{deviceId}' is revoked; a revoked device is never renewed (enrol a new id).");
        }

        PkiResult<X509Certificate2> current = PemFiles.ReadCertificate(pki.Layout.DeviceCertificate(deviceId));
        if (!current.Ok)
        {
            return current.As<DeviceRecord>();
        }

        using X509Certificate2 old = current.Value!;
        PkiResult<X509Certificate2> issued = IssueFor(deviceId, old.PublicKey, passphrase, now);
        if (!issued.Ok)
        {
            return issued.As<DeviceRecord>();
        }

        using X509Certificate2 renewed = issued.Value!;
        string archived = Path.Combine(pki.Layout.DeviceHistoryFolder(deviceId), SerialNumbers.Canonical(old.SerialNumber) + ".crt.pem");
        SecureFile.WriteText(archived, old.ExportCertificatePem() + "\n", secret: false, overwrite: false);
        SecureFile.WriteText(pki.Layout.DeviceCertificate(deviceId), renewed.ExportCertificatePem() + "\n", secret: false, overwrite: true);
        return Find(deviceId, now);
    }

    /// <summary>
    /// Adds every certificate the device ever had (current and renewed ones) to the revocation list.
    /// Revoking an already revoked device is not an error (nothing is added).
    /// </summary>
    public PkiResult<DeviceRecord> Revoke(string deviceId, string reason, DateTimeOffset now)
    {
        PkiResult<DeviceRecord> existing = Find(deviceId, now);
        if (!existing.Ok)
        {
            return existing;
        }

        IReadOnlyList<string> serials = SerialsOf(existing.Value!);
        string comment = $"{deviceId} revoked {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {reason}";
        PkiResult<int> appended = RevocationListFile.Append(pki.Layout.RevocationListFile, serials, comment);
        return appended.Ok ? Find(deviceId, now) : appended.As<DeviceRecord>();
    }

    /// <summary>Serials of every certificate <paramref name="device"/> ever had: the current one, then renewed-away ones.</summary>
    public IReadOnlyList<string> SerialsOf(DeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var serials = new List<string> { device.SerialHex };
        string history = pki.Layout.DeviceHistoryFolder(device.DeviceId);
        if (Directory.Exists(history))
        {
            serials.AddRange(Directory.EnumerateFiles(history, "*.crt.pem").Select(f => Path.GetFileName(f)[..^".crt.pem".Length]).Order(StringComparer.Ordinal));
        }

        return serials;
    }

    /// <summary>The device's record, or <see cref="PkiError.NotFound"/>.</summary>
    public PkiResult<DeviceRecord> Find(string deviceId, DateTimeOffset now)
    {
        if (!Names.IsValidDeviceId(deviceId) || !File.Exists(pki.Layout.DeviceCertificate(deviceId)))
        {
            return PkiResult<DeviceRecord>.Fail(PkiError.NotFound, $"No device '{deviceId}' is enrolled in {pki.Layout.Root}.");
        }

        PkiResult<RevocationList> revoked = RevocationListFile.Load(pki.Layout.RevocationListFile);
        return revoked.Ok ? Describe(deviceId, revoked.Value!, now) : revoked.As<DeviceRecord>();
    }

    /// <summary>Every enrolled device, sorted by id.</summary>
    public PkiResult<IReadOnlyList<DeviceRecord>> List(DateTimeOffset now)
    {
        PkiResult<RevocationList> revoked = RevocationListFile.Load(pki.Layout.RevocationListFile);
        if (!revoked.Ok)
        {
            return revoked.As<IReadOnlyList<DeviceRecord>>();
        }

        var records = new List<DeviceRecord>();
        if (Directory.Exists(pki.Layout.DevicesFolder))
        {
            foreach (string folder in Directory.EnumerateDirectories(pki.Layout.DevicesFolder).Order(StringComparer.Ordinal))
            {
                string id = Path.GetFileName(folder);
                PkiResult<DeviceRecord> record = Names.IsValidDeviceId(id) ? Describe(id, revoked.Value!, now) : PkiResult<DeviceRecord>.Fail(PkiError.NotFound, id);
                if (record.Ok)
                {
                    records.Add(record.Value!);
                }
            }
        }

        return PkiResult<IReadOnlyList<DeviceRecord>>.Success(records);
    }

    private PkiResult<DeviceRecord> Enrol(string deviceId, PublicKey publicKey, ECDsa? generatedKey, string? passphrase, DateTimeOffset now)
    {
        if (Directory.Exists(pki.Layout.DeviceFolder(deviceId)))
        {
            return PkiResult<DeviceRecord>.Fail(PkiError.Conflict,
                $"Device id '{deviceId}' is already enrolled (or was, and was revoked); device ids are never reused.");
        }

        PkiResult<X509Certificate2> issued = IssueFor(deviceId, publicKey, passphrase, now);
        if (!issued.Ok)
        {
            return issued.As<DeviceRecord>();
        }

        using X509Certificate2 certificate = issued.Value!;
        string staging = pki.Layout.DeviceFolder(deviceId) + ".creating-" + Guid.NewGuid().ToString("N");
        try
        {
            SecureFile.WriteText(Path.Combine(staging, PkiLayout.DeviceCertificateFileName), certificate.ExportCertificatePem() + "\n", secret: false, overwrite: false);
            if (generatedKey is not null)
            {
                KeyFiles.Write(Path.Combine(staging, PkiLayout.DeviceKeyFileName), generatedKey, null, overwrite: false);
            }

            Directory.Move(staging, pki.Layout.DeviceFolder(deviceId));
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return Find(deviceId, now);
    }

    private PkiResult<X509Certificate2> IssueFor(string deviceId, PublicKey publicKey, string? passphrase, DateTimeOffset now)
    {
        PkiResult<X509Certificate2> issuer = AgencyPki.LoadIssuer(pki.Layout.DeviceCaCertificate, pki.Layout.DeviceCaKey, "device-issuing CA", passphrase, now);
        if (!issuer.Ok)
        {
            return issuer;
        }

        using X509Certificate2 deviceCa = issuer.Value!;
        return PkiResult<X509Certificate2>.Success(CertificateFactory.IssueDeviceCertificate(deviceCa, pki.Settings.Agency, deviceId, publicKey, now));
    }

    private PkiResult<DeviceRecord> Describe(string deviceId, RevocationList revoked, DateTimeOffset now)
    {
        PkiResult<X509Certificate2> read = PemFiles.ReadCertificate(pki.Layout.DeviceCertificate(deviceId));
        if (!read.Ok)
        {
            return read.As<DeviceRecord>();
        }

        using X509Certificate2 certificate = read.Value!;
        string serial = SerialNumbers.Canonical(certificate.SerialNumber);
        DateTimeOffset notBefore = certificate.NotBefore.ToUniversalTime();
        DateTimeOffset notAfter = certificate.NotAfter.ToUniversalTime();
        DeviceState state = revoked.IsRevoked(serial) ? DeviceState.Revoked
            : now < notBefore || now >= notAfter ? DeviceState.Expired
            : notAfter - now <= TimeSpan.FromDays(PkiPolicy.DeviceRenewWindowDays) ? DeviceState.RenewDue
            : DeviceState.Active;
        bool keyHeld = File.Exists(pki.Layout.DeviceKey(deviceId));
        return PkiResult<DeviceRecord>.Success(new DeviceRecord(deviceId, serial, notBefore, notAfter, state, keyHeld));
    }
}

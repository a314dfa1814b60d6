using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Makes a device bundle from an agency PKI folder: the device's certificate (and key, when the PKI
/// generated it), the agency root, the receipt-signing key, Wi-Fi settings and the board profile,
/// checked together and signed with the bundle-signing key. Every bundle of a device carries a
/// larger config.serial than the one before (kept in devices/ID/bundle-serial), so a device
/// refuses an older bundle replayed to it.
/// </summary>
public sealed class BundleFactory
{
    private const string SerialFileName = "bundle-serial";
    private const int PrivateScalarBytes = 32;
    private readonly AgencyPki pki;

    public BundleFactory(AgencyPki pki)
    {
        this.pki = pki ?? throw new ArgumentNullException(nameof(pki));
    }

    /// <summary>Wi-Fi and upload settings the operator chooses for this device.</summary>
    public sealed record Options(string WifiSsid, string? WifiPassword, int? ChunkSizeBytes, string? AgencyAddress = null);

    /// <summary>The signed bundle bytes (a secret when they hold a device key or Wi-Fi password).</summary>
    public PkiResult<byte[]> Create(string deviceId, BoardValidation validated, Options options, string? passphrase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validated);
        if (!validated.Ok)
        {
            return PkiResult<byte[]>.Fail(PkiError.BadInput, "The board profile has problems: " + string.Join(" ", validated.Errors));
        }

        BoardProfile board = validated.Profile!;
        PkiResult<DeviceRecord> device = new DeviceRegistry(pki).Find(deviceId, now);
        if (!device.Ok)
        {
            return device.As<byte[]>();
        }

        if (device.Value!.State is DeviceState.Revoked or DeviceState.Expired)
        {
            return PkiResult<byte[]>.Fail(PkiError.CredentialRefused, $"Device '{deviceId}' is {device.Value.State.ToString().ToLowerInvariant()}; no bundle is made for it.");
        }

        if (!device.Value.KeyHeldByPki && board.SecureElement == "none")
        {
            return PkiResult<byte[]>.Fail(PkiError.BadInput,
                $"Device '{deviceId}' was enrolled from a CSR, so its key lives in a secure element, but board '{board.Name}' has none.");
        }

        PkiResult<DeviceConfigSettings> settings = Settings(deviceId, device.Value.KeyHeldByPki, options);
        if (!settings.Ok)
        {
            return settings.As<byte[]>();
        }

        string? problem = DeviceConfigText.Check(settings.Value!);
        if (problem is not null)
        {
            return PkiResult<byte[]>.Fail(PkiError.BadInput, problem);
        }

        return Sign(deviceId, validated.Json, settings.Value!, passphrase, now);
    }

    private PkiResult<byte[]> Sign(string deviceId, string boardJson, DeviceConfigSettings settings, string? passphrase, DateTimeOffset now)
    {
        PkiResult<X509Certificate2> signer = AgencyPki.LoadIssuer(pki.Layout.BundleSignerCertificate, pki.Layout.BundleSignerKey, "bundle-signing", passphrase, now);
        if (!signer.Ok)
        {
            return signer.As<byte[]>();
        }

        using X509Certificate2 signerCertificate = signer.Value!;
        using ECDsa signerKey = signerCertificate.GetECDsaPublicKey()!;
        DeviceConfigSettings serialised = settings with { Serial = NextSerial(deviceId) };
        var bundle = new DeviceBundle(deviceId, DeviceConfigText.Write(serialised), System.Text.Encoding.UTF8.GetBytes(boardJson),
            DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()), KeyChecks.UncompressedPoint(signerKey), signerCertificate.RawData);
        return PkiResult<byte[]>.Success(BundleCodec.Encode(bundle, signerCertificate));
    }

    private PkiResult<DeviceConfigSettings> Settings(string deviceId, bool keyHeldByPki, Options options)
    {
        PkiResult<byte[]> receiptKey = pki.ReceiptPublicKey();
        if (!receiptKey.Ok)
        {
            return receiptKey.As<DeviceConfigSettings>();
        }

        byte[]? privateScalar = null;
        if (keyHeldByPki)
        {
            PkiResult<ECDsa> key = KeyFiles.Read(pki.Layout.DeviceKey(deviceId), null);
            if (!key.Ok)
            {
                return key.As<DeviceConfigSettings>();
            }

            using ECDsa deviceKey = key.Value!;
            privateScalar = FixedLength(deviceKey.ExportParameters(includePrivateParameters: true).D!, PrivateScalarBytes);
        }

        PkiResult<X509Certificate2> certificate = PemFiles.ReadCertificate(pki.Layout.DeviceCertificate(deviceId));
        using X509Certificate2 deviceCertificate = certificate.Value!;
        return PkiResult<DeviceConfigSettings>.Success(new DeviceConfigSettings
        {
            Serial = 0, DeviceId = deviceId, AgencyHost = pki.Settings.IngestHost, AgencyCaDer = pki.RootCa.RawData,
            DeviceCertificateDer = deviceCertificate.RawData, DevicePrivateKey = privateScalar, ReceiptPublicKey = receiptKey.Value!,
            WifiSsid = options.WifiSsid, WifiPassword = options.WifiPassword, ChunkSizeBytes = options.ChunkSizeBytes,
            AgencyAddress = options.AgencyAddress,
        });
    }

    private long NextSerial(string deviceId)
    {
        string path = Path.Combine(pki.Layout.DeviceFolder(deviceId), SerialFileName);
        long previous = File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;
        long next = previous + 1;
        SecureFile.WriteText(path, next.ToString(CultureInfo.InvariantCulture) + "\n", secret: false, overwrite: true);
        return next;
    }

    private static byte[] FixedLength(byte[] value, int length)
    {
        var result = new byte[length];
        value.AsSpan(Math.Max(0, value.Length - length)).CopyTo(result.AsSpan(Math.Max(0, length - value.Length)));
        return result;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Provisioning;
using CamAgent.Host.Crypto;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Encodes and decodes device bundles with Core's CBOR and COSE code, so the host reads a bundle
/// exactly as the device does: a tagged COSE_Sign1 (RFC 9052 §4.2) in the evidence profile,
/// <c>18([ bstr({1: -7, 33: signer certificate}), {}, bstr(payload), bstr(r || s) ])</c>, whose payload
/// is a deterministic CBOR map (RFC 8949 §4.2.1) with unsigned keys 1..6 (<see cref="DeviceBundle"/>).
/// Reading goes through the device's own <see cref="BundleReader"/>, so the agency and the camera
/// cannot disagree on what a bundle is.
/// </summary>
public static class BundleCodec
{
    public const int FormatVersion = BundleReader.FormatVersion;

    /// <summary>Largest bundle accepted when reading (a configuration is at most 8 KiB, a profile 16 KiB).</summary>
    public const int MaxBundleBytes = 64 * 1024;

    private const ulong KeyVersion = BundleReader.KeyVersion, KeyDeviceId = BundleReader.KeyDeviceId, KeyConfig = BundleReader.KeyConfig;
    private const ulong KeyBoard = BundleReader.KeyBoard, KeyIssuedAt = BundleReader.KeyIssuedAt, KeySignerKey = BundleReader.KeySignerKey;
    private const int PayloadEntries = BundleReader.PayloadEntries;

    /// <summary>Room for the map and every field head around the variable-length contents.</summary>
    private const int PayloadOverheadBytes = 64;

    /// <summary>Signs <paramref name="bundle"/> with <paramref name="signer"/> (certificate with its P-256 private key).</summary>
    public static byte[] Encode(DeviceBundle bundle, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        byte[] payload = EncodePayload(bundle);
        byte[] certificate = signer.RawData;
        using ECDsa key = signer.GetECDsaPrivateKey() ?? throw new ArgumentException("The signer certificate has no ECDSA private key.", nameof(signer));
        using var cosesigner = new HostEcdsaSigner(key);
        var output = new byte[CoseSign1Encoder.EncodedSize(certificate.Length, payload.Length)];
        CoseStatus status = new CoseSign1Encoder().Sign(cosesigner, certificate, 0, certificate.Length, payload, 0, payload.Length, output, 0, output.Length, out int written);
        if (status != CoseStatus.Ok || written != output.Length)
        {
            throw new CryptographicException($"Signing the bundle failed: {status}.");
        }

        return output;
    }

    /// <summary>
    /// Decodes a bundle with the device's own reader (<see cref="BundleReader"/>: the strict
    /// COSE_Sign1, the payload map, the ES256 signature with payload key 6), then checks that key 6
    /// is the key of the certificate the bundle carries. Trust in that certificate is the caller's
    /// check (<see cref="BundleVerifier"/>). Fails with <see cref="PkiError.CredentialRefused"/> on a
    /// bad signature or key, <see cref="PkiError.BadInput"/> on malformed structure.
    /// </summary>
    public static PkiResult<DeviceBundle> Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var read = new CamAgent.Core.Provisioning.DeviceBundle();
        BundleStatus status = new BundleReader().Read(encoded, 0, encoded.Length, null, read);
        switch (status)
        {
            case BundleStatus.Ok:
                break;
            case BundleStatus.NotCoseSign1:
                return Malformed("it is not a COSE_Sign1 message in the CamAgent profile with one signer certificate");
            case BundleStatus.MalformedPayload:
                return Malformed("its payload is not the version 1 map {1: 1, 2: device id, 3: config, 4: board, 5: issued at, 6: signer key}");
            case BundleStatus.InvalidSignerKey:
                return PkiResult<DeviceBundle>.Fail(PkiError.CredentialRefused, "The bundle's signer key (payload key 6) is not a P-256 public key.");
            default:
                return PkiResult<DeviceBundle>.Fail(PkiError.CredentialRefused, "The bundle's signature does not verify: it was altered after signing, or signed by another key.");
        }

        var bundle = new DeviceBundle(
            read.DeviceId,
            encoded[read.ConfigOffset..(read.ConfigOffset + read.ConfigLength)],
            encoded[read.BoardOffset..(read.BoardOffset + read.BoardLength)],
            DateTimeOffset.FromUnixTimeSeconds(read.IssuedAtSeconds),
            encoded[read.SignerKeyOffset..(read.SignerKeyOffset + BundleReader.SignerKeyBytes)],
            encoded[read.CertificateOffset..(read.CertificateOffset + read.CertificateLength)]);
        return CheckSignerCertificate(bundle);
    }

    /// <summary>The board profile and configuration as text (both are ASCII/UTF-8 by construction).</summary>
    public static string AsText(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] EncodePayload(DeviceBundle bundle)
    {
        byte[] deviceId = Encoding.UTF8.GetBytes(bundle.DeviceId);
        var buffer = new byte[PayloadOverheadBytes + deviceId.Length + bundle.Config.Length + bundle.BoardProfile.Length + bundle.SignerPublicKey.Length];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        writer.WriteMapHeader(PayloadEntries);
        writer.WriteUInt64(KeyVersion);
        writer.WriteUInt64(FormatVersion);
        writer.WriteUInt64(KeyDeviceId);
        writer.WriteTextString(bundle.DeviceId);
        writer.WriteUInt64(KeyConfig);
        writer.WriteByteString(bundle.Config, 0, bundle.Config.Length);
        writer.WriteUInt64(KeyBoard);
        writer.WriteByteString(bundle.BoardProfile, 0, bundle.BoardProfile.Length);
        writer.WriteUInt64(KeyIssuedAt);
        writer.WriteUInt64((ulong)bundle.IssuedAt.ToUnixTimeSeconds());
        writer.WriteUInt64(KeySignerKey);
        writer.WriteByteString(bundle.SignerPublicKey, 0, bundle.SignerPublicKey.Length);
        if (writer.Status != CborStatus.Ok)
        {
            throw new InvalidOperationException($"Bundle payload encoding failed: {writer.Status}.");
        }

        return buffer[..writer.Length];
    }

    private static PkiResult<DeviceBundle> CheckSignerCertificate(DeviceBundle bundle)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(bundle.SignerCertificateDer);
        }
        catch (CryptographicException)
        {
            return Malformed("its signer certificate (x5chain) is not a DER certificate");
        }

        using (certificate)
        using (ECDsa? key = certificate.GetECDsaPublicKey())
        {
            if (key is null || !KeyChecks.IsP256(key) || !KeyChecks.UncompressedPoint(key).AsSpan().SequenceEqual(bundle.SignerPublicKey))
            {
                return PkiResult<DeviceBundle>.Fail(PkiError.CredentialRefused, "The bundle's signer key (payload key 6) is not the key of its signer certificate.");
            }
        }

        return PkiResult<DeviceBundle>.Success(bundle);
    }

    private static PkiResult<DeviceBundle> Malformed(string why) =>
        PkiResult<DeviceBundle>.Fail(PkiError.BadInput, $"The file is not a CamAgent device bundle: {why}.");
}

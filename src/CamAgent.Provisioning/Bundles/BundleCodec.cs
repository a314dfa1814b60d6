using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Host.Crypto;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Encodes and decodes device bundles with Core's CBOR and COSE code, so the host reads a bundle
/// exactly as the device does: a tagged COSE_Sign1 (RFC 9052 §4.2) in the evidence profile,
/// <c>18([ bstr({1: -7, 33: signer certificate}), {}, bstr(payload), bstr(r || s) ])</c>, whose payload
/// is a deterministic CBOR map (RFC 8949 §4.2.1) with unsigned keys 1..6 (<see cref="DeviceBundle"/>).
/// The signature (ES256 over the §4.4 Sig_structure) is checked with Core's managed verifier.
/// </summary>
public static class BundleCodec
{
    public const int FormatVersion = 1;

    /// <summary>Largest bundle accepted when reading (a configuration is at most 8 KiB, a profile 16 KiB).</summary>
    public const int MaxBundleBytes = 64 * 1024;

    private const ulong KeyVersion = 1, KeyDeviceId = 2, KeyConfig = 3, KeyBoard = 4, KeyIssuedAt = 5, KeySignerKey = 6;
    private const int PayloadEntries = 6;

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
    /// Decodes a bundle and verifies its signature with the key of the certificate it carries, and
    /// that this key is the one named in the payload. Trust in that certificate is the caller's
    /// check (<see cref="BundleVerifier"/>). Fails with <see cref="PkiError.CredentialRefused"/> on a bad
    /// signature, <see cref="PkiError.BadInput"/> on malformed structure.
    /// </summary>
    public static PkiResult<DeviceBundle> Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var message = new CoseSign1Message();
        CoseStatus status = message.Decode(encoded, 0, encoded.Length);
        if (status != CoseStatus.Ok || message.CertificateCount != 1)
        {
            return Malformed($"it is not a COSE_Sign1 message in the CamAgent profile ({status})");
        }

        byte[] certificateDer = encoded[message.GetCertificateOffset(0)..(message.GetCertificateOffset(0) + message.GetCertificateLength(0))];
        PkiResult<DeviceBundle> content = DecodePayload(encoded, message.PayloadOffset, message.PayloadLength, certificateDer);
        return content.Ok ? CheckSignature(content.Value!, message) : content;
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

    private static PkiResult<DeviceBundle> DecodePayload(byte[] buffer, int offset, int length, byte[] certificateDer)
    {
        var reader = new CborReader(buffer, offset, length);
        string deviceId = string.Empty;
        byte[] config = [], board = [], signerKey = [];
        ulong version = 0, issuedAt = 0;
        bool ok = reader.ReadMapHeader(out int entries) == CborStatus.Ok && entries == PayloadEntries
            && Key(reader, KeyVersion) && reader.ReadUInt64(out version) == CborStatus.Ok && version == FormatVersion
            && Key(reader, KeyDeviceId) && reader.ReadTextString(out deviceId) == CborStatus.Ok
            && Key(reader, KeyConfig) && Bytes(reader, buffer, out config)
            && Key(reader, KeyBoard) && Bytes(reader, buffer, out board)
            && Key(reader, KeyIssuedAt) && reader.ReadUInt64(out issuedAt) == CborStatus.Ok && issuedAt <= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            && Key(reader, KeySignerKey) && Bytes(reader, buffer, out signerKey)
            && reader.ReadEnd() == CborStatus.Ok;
        if (!ok)
        {
            return Malformed("its payload is not the version 1 map {1: 1, 2: device id, 3: config, 4: board, 5: issued at, 6: signer key}");
        }

        return PkiResult<DeviceBundle>.Success(new DeviceBundle(deviceId, config, board, DateTimeOffset.FromUnixTimeSeconds((long)issuedAt), signerKey, certificateDer));
    }

    private static bool Key(CborReader reader, ulong expected) => reader.ReadUInt64(out ulong key) == CborStatus.Ok && key == expected;

    private static bool Bytes(CborReader reader, byte[] buffer, out byte[] value)
    {
        value = [];
        if (reader.ReadByteString(out int offset, out int length) != CborStatus.Ok)
        {
            return false;
        }

        value = buffer[offset..(offset + length)];
        return true;
    }

    private static PkiResult<DeviceBundle> CheckSignature(DeviceBundle bundle, CoseSign1Message message)
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

        var digest = new byte[Sha256.DigestSizeBytes];
        message.ComputeToBeSignedDigest(new Sha256(), digest, 0);
        bool valid = EcdsaP256Verifier.Verify(bundle.SignerPublicKey, 0, digest, 0, message.Buffer, message.SignatureOffset);
        return valid
            ? PkiResult<DeviceBundle>.Success(bundle)
            : PkiResult<DeviceBundle>.Fail(PkiError.CredentialRefused, "The bundle's signature does not verify: it was altered after signing, or signed by another key.");
    }

    private static PkiResult<DeviceBundle> Malformed(string why) =>
        PkiResult<DeviceBundle>.Fail(PkiError.BadInput, $"The file is not a CamAgent device bundle: {why}.");
}

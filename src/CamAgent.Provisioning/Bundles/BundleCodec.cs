using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Encodes and decodes device bundles: a tagged COSE_Sign1 (RFC 9052 §4.2) in the same profile as
/// evidence records, <c>18([ bstr({1: -7, 33: signer certificate}), {}, bstr(payload), bstr(r || s) ])</c>,
/// whose payload is a deterministic CBOR map with unsigned keys 1..6 (<see cref="DeviceBundle"/>).
/// The signature is ES256 over the Sig_structure <c>["Signature1", protected, h'', payload]</c> (§4.4).
/// </summary>
public static class BundleCodec
{
    public const int FormatVersion = 1;

    private const ulong CoseSign1Tag = 18;
    private const int HeaderAlgorithm = 1;
    private const int HeaderX5Chain = 33;
    private const int AlgorithmEs256 = -7;
    private const int Es256SignatureBytes = 64;
    private const int CoseSign1Elements = 4;
    private const int ProtectedHeaderEntries = 2;
    private const int PayloadEntries = 6;
    private const int SigStructureElements = 4;
    private const string SignatureContext = "Signature1";

    /// <summary>Largest bundle accepted when reading (a configuration is at most 8 KiB, a profile 16 KiB).</summary>
    public const int MaxBundleBytes = 64 * 1024;

    /// <summary>Signs <paramref name="bundle"/> with <paramref name="signer"/> (certificate with its P-256 private key).</summary>
    public static byte[] Encode(DeviceBundle bundle, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using ECDsa key = signer.GetECDsaPrivateKey() ?? throw new ArgumentException("The signer certificate has no ECDSA private key.", nameof(signer));
        byte[] protectedHeader = new BundleCbor().Map(ProtectedHeaderEntries).UInt(HeaderAlgorithm).Int(AlgorithmEs256).UInt(HeaderX5Chain).Bytes(signer.RawData).ToArray();
        byte[] payload = new BundleCbor().Map(PayloadEntries)
            .UInt(1).UInt(FormatVersion)
            .UInt(2).Text(bundle.DeviceId)
            .UInt(3).Bytes(bundle.Config)
            .UInt(4).Bytes(bundle.BoardProfile)
            .UInt(5).UInt((ulong)bundle.IssuedAt.ToUnixTimeSeconds())
            .UInt(6).Bytes(bundle.SignerPublicKey)
            .ToArray();
        byte[] signature = key.SignData(SigStructure(protectedHeader, payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new BundleCbor().Tag(CoseSign1Tag).Array(CoseSign1Elements).Bytes(protectedHeader).Map(0).Bytes(payload).Bytes(signature).ToArray();
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
        // Non-short-circuit '&' below: every read must happen, in order, whatever an earlier one returned.
        var reader = new BundleCborReader(encoded);
        bool shape = reader.Tag() == CoseSign1Tag & reader.Array() == CoseSign1Elements;
        byte[] protectedHeader = reader.Bytes();
        bool noUnprotected = reader.Map() == 0;
        byte[] payload = reader.Bytes();
        byte[] signature = reader.Bytes();
        if (reader.Failed || !reader.AtEnd || !shape || !noUnprotected || signature.Length != Es256SignatureBytes)
        {
            return Malformed("it is not a COSE_Sign1 message in the CamAgent profile");
        }

        var header = new BundleCborReader(protectedHeader);
        bool headerShape = header.Map() == ProtectedHeaderEntries & header.UInt() == HeaderAlgorithm & header.Int() == AlgorithmEs256 & header.UInt() == HeaderX5Chain;
        byte[] certificateDer = header.Bytes();
        if (header.Failed || !header.AtEnd || !headerShape)
        {
            return Malformed("its protected header is not {1: -7 (ES256), 33: certificate}");
        }

        PkiResult<DeviceBundle> content = ReadPayload(payload, certificateDer);
        if (!content.Ok)
        {
            return content;
        }

        return CheckSignature(content.Value!, protectedHeader, payload, signature);
    }

    private static PkiResult<DeviceBundle> ReadPayload(byte[] payload, byte[] certificateDer)
    {
        var p = new BundleCborReader(payload);
        bool shape = p.Map() == PayloadEntries & p.UInt() == 1 & p.UInt() == FormatVersion & p.UInt() == 2;
        string deviceId = p.Text();
        shape &= p.UInt() == 3;
        byte[] config = p.Bytes();
        shape &= p.UInt() == 4;
        byte[] board = p.Bytes();
        shape &= p.UInt() == 5;
        ulong issuedAt = p.UInt();
        shape &= p.UInt() == 6;
        byte[] signerKey = p.Bytes();
        if (p.Failed || !p.AtEnd || !shape || issuedAt > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Malformed("its payload is not the version 1 map {1: 1, 2: device id, 3: config, 4: board, 5: issued at, 6: signer key}");
        }

        return PkiResult<DeviceBundle>.Success(new DeviceBundle(deviceId, config, board, DateTimeOffset.FromUnixTimeSeconds((long)issuedAt), signerKey, certificateDer));
    }

    private static PkiResult<DeviceBundle> CheckSignature(DeviceBundle bundle, byte[] protectedHeader, byte[] payload, byte[] signature)
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

            bool valid = key.VerifyData(SigStructure(protectedHeader, payload), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return valid
                ? PkiResult<DeviceBundle>.Success(bundle)
                : PkiResult<DeviceBundle>.Fail(PkiError.CredentialRefused, "The bundle's signature does not verify: it was altered after signing, or signed by another key.");
        }
    }

    private static byte[] SigStructure(byte[] protectedHeader, byte[] payload) =>
        new BundleCbor().Array(SigStructureElements).Text(SignatureContext).Bytes(protectedHeader).Bytes([]).Bytes(payload).ToArray();

    private static PkiResult<DeviceBundle> Malformed(string why) =>
        PkiResult<DeviceBundle>.Fail(PkiError.BadInput, $"The file is not a CamAgent device bundle: {why}.");

    /// <summary>The board profile and configuration as text (both are ASCII/UTF-8 by construction).</summary>
    public static string AsText(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

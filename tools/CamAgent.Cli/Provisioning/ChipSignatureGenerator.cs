using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Cli.Provisioning;

/// <summary>
/// Lets .NET's <see cref="CertificateRequest"/> build the PKCS#10 request (RFC 2986) while the
/// signature over the CertificationRequestInfo is made inside the device's secure element.
/// The device hashes what it signs itself, so only ECDSA with SHA-256 is offered.
/// </summary>
public sealed class ChipSignatureGenerator : X509SignatureGenerator
{
    /// <summary>AlgorithmIdentifier ecdsa-with-SHA256 (RFC 5758 §3.2): parameters absent.</summary>
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";

    private readonly ProvisioningClient _client;
    private readonly ECDsa _publicKey;

    public ChipSignatureGenerator(ProvisioningClient client, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(publicKey);
        _client = client;
        _publicKey = publicKey;
    }

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        RequireSha256(hashAlgorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(EcdsaWithSha256Oid);
        }

        return writer.Encode();
    }

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
    {
        RequireSha256(hashAlgorithm);
        byte[] signature = _client.SignCertificationRequestInfo(data);
        if (!_publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new ProvisioningException("bad-signature", "the device's signature does not verify with the public key it reported");
        }

        // PKCS#10 carries ECDSA signatures as the DER SEQUENCE { r, s } (RFC 5480 §2.2 / RFC 3279 §2.2.3).
        return AsnEncodedSignature(signature);
    }

    protected override PublicKey BuildPublicKey() => new(_publicKey);

    private static byte[] AsnEncodedSignature(byte[] rs)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(rs.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(rs.AsSpan(32, 32));
        }

        return writer.Encode();
    }

    private static void RequireSha256(HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256)
        {
            throw new ArgumentException("the secure element signs ES256 only", nameof(hashAlgorithm));
        }
    }
}

using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Crypto;

/// <summary>
/// ES256 signer over .NET's <see cref="ECDsa"/> (P-256): the host simulator's device key and the
/// ingest server's receipt key. Signatures are r || s (IEEE P1363), as COSE requires.
/// The signer owns the key object it is given and disposes it.
/// </summary>
public sealed class HostEcdsaSigner : ISigner, IDisposable
{
    private const int DigestBytes = 32;
    private const int SignatureBytes = 64;
    private const int PublicKeyBytes = 65;
    private const int CoordinateBytes = 32;
    private const byte UncompressedPointTag = 0x04;

    private readonly ECDsa _key;

    public HostEcdsaSigner(ECDsa key, SignerKind kind = SignerKind.Software)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("ES256 needs a P-256 key", nameof(key));
        }

        _key = key;
        Kind = kind;
    }

    public SignerKind Kind { get; }

    /// <summary>Creates a signer over a fresh random P-256 key.</summary>
    public static HostEcdsaSigner CreateRandom()
    {
        return new HostEcdsaSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>Creates a signer from a 32-byte private scalar (e.g. the public test-vector key).</summary>
    public static HostEcdsaSigner FromPrivateKey(byte[] privateKey32)
    {
        ArgumentNullException.ThrowIfNull(privateKey32);
        if (privateKey32.Length != CoordinateBytes)
        {
            throw new ArgumentException("a P-256 private key is 32 bytes", nameof(privateKey32));
        }

        ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = (byte[])privateKey32.Clone() });
        return new HostEcdsaSigner(key);
    }

    /// <summary>The underlying key (for building certificates around it in tools and tests).</summary>
    public ECDsa Key => _key;

    public SignerStatus GetPublicKey(byte[] publicKey, int offset)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, publicKey.Length - PublicKeyBytes);
        ECParameters parameters = _key.ExportParameters(false);
        publicKey[offset] = UncompressedPointTag;
        parameters.Q.X!.CopyTo(publicKey, offset + 1);
        parameters.Q.Y!.CopyTo(publicKey, offset + 1 + CoordinateBytes);
        return SignerStatus.Ok;
    }

    public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentOutOfRangeException.ThrowIfNegative(digestOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digestOffset, digest.Length - DigestBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(signatureOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signatureOffset, signature.Length - SignatureBytes);
        bool ok = _key.TrySignHash(
            digest.AsSpan(digestOffset, DigestBytes),
            signature.AsSpan(signatureOffset, SignatureBytes),
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation,
            out int written);
        return ok && written == SignatureBytes ? SignerStatus.Ok : SignerStatus.DeviceError;
    }

    public void Dispose()
    {
        _key.Dispose();
    }
}

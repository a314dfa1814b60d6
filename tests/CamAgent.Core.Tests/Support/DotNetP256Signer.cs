using System.Security.Cryptography;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Support;

/// <summary>A real P-256 signer over .NET's ECDsa, for tests that need the software signer's behaviour.</summary>
public sealed class DotNetP256Signer : ISigner
{
    private readonly ECDsa _key;

    public DotNetP256Signer(byte[] privateKey32)
    {
        _key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey32 });
        ECParameters full = _key.ExportParameters(false);
        _key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey32, Q = full.Q });
    }

    public SignerKind Kind => SignerKind.Software;

    public SignerStatus GetPublicKey(byte[] publicKey, int offset)
    {
        ECParameters p = _key.ExportParameters(false);
        publicKey[offset] = 0x04;
        p.Q.X!.CopyTo(publicKey, offset + 1);
        p.Q.Y!.CopyTo(publicKey, offset + 33);
        return SignerStatus.Ok;
    }

    public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
    {
        byte[] sig = _key.SignHash(digest.AsSpan(digestOffset, 32).ToArray(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        sig.CopyTo(signature, signatureOffset);
        return SignerStatus.Ok;
    }
}

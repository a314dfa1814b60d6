using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>Key-type checks shared by enrolment and bundle verification.</summary>
public static class KeyChecks
{
    /// <summary>OID of id-ecPublicKey (RFC 5480 §2.1.1).</summary>
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>OID of secp256r1 / P-256 (RFC 5480 §2.1.1.1).</summary>
    public const string P256CurveOid = "1.2.840.10045.3.1.7";

    /// <summary>Length of an uncompressed SEC1 P-256 point: 0x04 || X (32) || Y (32).</summary>
    public const int UncompressedP256PointBytes = 65;

    private const int CoordinateBytes = 32;
    private const byte UncompressedPointTag = 0x04;

    public static bool IsP256(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        return parameters.Curve.IsNamed && (parameters.Curve.Oid.Value == P256CurveOid || parameters.Curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }

    /// <summary>True if the subject public key is an EC key on P-256.</summary>
    public static bool IsP256(PublicKey publicKey)
    {
        if (publicKey.Oid.Value != EcPublicKeyOid)
        {
            return false;
        }

        using ECDsa? key = publicKey.GetECDsaPublicKey();
        return key is not null && IsP256(key);
    }

    /// <summary>The 65-byte uncompressed SEC1 point (SEC 1 v2 §2.3.3) devices pin for receipts and bundles.</summary>
    public static byte[] UncompressedPoint(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        var point = new byte[UncompressedP256PointBytes];
        point[0] = UncompressedPointTag;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 1 + CoordinateBytes);
        return point;
    }

    /// <summary>A public key from a 65-byte uncompressed P-256 point; null if it is not one.</summary>
    public static ECDsa? FromUncompressedPoint(byte[] point)
    {
        if (point.Length != UncompressedP256PointBytes || point[0] != UncompressedPointTag)
        {
            return null;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..(1 + CoordinateBytes)], Y = point[(1 + CoordinateBytes)..] },
        };
        try
        {
            return ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

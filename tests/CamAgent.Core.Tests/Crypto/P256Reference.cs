using System.Numerics;
using System.Security.Cryptography;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Tests.Crypto;

/// <summary>Independent references for the P-256 tests: BigInteger arithmetic and .NET's ECDsa.</summary>
internal static class P256Reference
{
    public static readonly BigInteger P = Parse("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    public static readonly BigInteger N = Parse("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber);

    public static BigInteger ToBig(uint[] limbs)
    {
        byte[] bytes = new byte[32];
        Uint256.ToBytes(limbs, bytes, 0);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    public static uint[] ToLimbs(BigInteger value)
    {
        uint[] limbs = new uint[8];
        Uint256.FromBytes(limbs, To32Bytes(value), 0);
        return limbs;
    }

    public static byte[] To32Bytes(BigInteger value)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] result = new byte[32];
        raw.CopyTo(result, 32 - raw.Length);
        return result;
    }

    public static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        BigInteger r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }

    /// <summary>A uniformly random value below <paramref name="bound"/> (rejection sampling).</summary>
    public static BigInteger Below(Random random, BigInteger bound)
    {
        byte[] bytes = new byte[32];
        while (true)
        {
            random.NextBytes(bytes);
            BigInteger v = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            if (v < bound)
            {
                return v;
            }
        }
    }

    /// <summary>The 65-byte SEC1 public key of d, computed by the platform's ECDsa.</summary>
    public static byte[] PlatformPublicKey(byte[] privateKey)
    {
        using ECDsa ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
        ECParameters parameters = ecdsa.ExportParameters(false);
        byte[] key = new byte[65];
        key[0] = 0x04;
        parameters.Q.X!.CopyTo(key, 1);
        parameters.Q.Y!.CopyTo(key, 33);
        return key;
    }

    public static ECDsa PlatformKey(byte[] privateKey) =>
        ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });

    public static ECDsa PlatformPublic(byte[] publicKey65) =>
        ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey65.AsSpan(1, 32).ToArray(), Y = publicKey65.AsSpan(33, 32).ToArray() },
        });

    /// <summary>Finds tests/vectors/<paramref name="name"/> by walking up from the test binaries.</summary>
    public static string VectorPath(string name)
    {
        DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "vectors", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new FileNotFoundException("test vector file not found above " + AppContext.BaseDirectory, name);
    }
}

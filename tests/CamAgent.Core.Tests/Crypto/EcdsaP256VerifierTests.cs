using System.Numerics;
using System.Security.Cryptography;
using CamAgent.Core.Crypto;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class EcdsaP256VerifierTests
{
    private static (byte[] PublicKey, byte[] Digest, byte[] Signature) PlatformSigned(Random random)
    {
        byte[] key = To32Bytes(Below(random, N - 1) + 1);
        byte[] digest = new byte[32];
        random.NextBytes(digest);
        using ECDsa ecdsa = PlatformKey(key);
        return (PlatformPublicKey(key), digest, ecdsa.SignHash(digest));
    }

    [Fact]
    public void Accepts_Platform_Signatures_And_Their_High_S_Twins()
    {
        var random = new Random(9052);
        var verifier = new EcdsaP256Verifier();
        int count = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 5000 : 200;
        for (int i = 0; i < count; i++)
        {
            (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
            Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0), "rejected platform signature " + i);

            // (r, n - s) is the same signature with the other sign of s; ECDSA accepts both.
            BigInteger s = new BigInteger(signature.AsSpan(32), true, true);
            byte[] twin = (byte[])signature.Clone();
            To32Bytes(N - s).CopyTo(twin, 32);
            Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, twin, 0));
        }
    }

    [Fact]
    public void Rejects_Any_Flipped_Bit_In_Signature_Digest_Or_Key()
    {
        var random = new Random(1);
        var verifier = new EcdsaP256Verifier();
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        for (int bit = 0; bit < 512; bit += 7)
        {
            byte[] bad = (byte[])signature.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.VerifyDigest(publicKey, 0, digest, 0, bad, 0));
        }

        for (int bit = 0; bit < 256; bit += 5)
        {
            byte[] bad = (byte[])digest.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.VerifyDigest(publicKey, 0, bad, 0, signature, 0));
        }

        for (int bit = 0; bit < 520; bit += 3)
        {
            byte[] bad = (byte[])publicKey.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.VerifyDigest(bad, 0, digest, 0, signature, 0));
        }

        Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
    }

    [Fact]
    public void Rejects_Signatures_Of_Another_Key()
    {
        var random = new Random(2);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        (byte[] otherKey, _, _) = PlatformSigned(random);
        Assert.True(EcdsaP256Verifier.Verify(publicKey, 0, digest, 0, signature, 0));
        Assert.False(EcdsaP256Verifier.Verify(otherKey, 0, digest, 0, signature, 0));
    }

    public static TheoryData<string, string> OutOfRangeHalves() => new()
    {
        { "0", "1" },
        { "1", "0" },
        { "N", "1" },
        { "1", "N" },
        { "N+1", "1" },
        { "MAX", "1" },
        { "1", "MAX" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeHalves))]
    public void Rejects_R_Or_S_Outside_1_To_N_Minus_1(string r, string s)
    {
        var random = new Random(3);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        byte[] bad = (byte[])signature.Clone();
        if (r != "1")
        {
            Value(r).CopyTo(bad, 0);
        }

        if (s != "1")
        {
            Value(s).CopyTo(bad, 32);
        }

        Assert.False(EcdsaP256Verifier.Verify(publicKey, 0, digest, 0, bad, 0));
    }

    [Fact]
    public void Rejects_Points_Off_The_Curve_Wrong_Prefix_And_Coordinates_Not_Below_P()
    {
        var random = new Random(4);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);

        byte[] offCurve = (byte[])publicKey.Clone();
        offCurve[64] ^= 1;
        byte[] compressedPrefix = (byte[])publicKey.Clone();
        compressedPrefix[0] = 0x02;
        byte[] zeros = new byte[65];
        zeros[0] = 0x04;
        byte[] xPlusP = (byte[])publicKey.Clone();
        BigInteger x = new BigInteger(publicKey.AsSpan(1, 32), true, true);
        if (x + P < (BigInteger.One << 256))
        {
            To32Bytes(x + P).CopyTo(xPlusP, 1);
        }
        else
        {
            xPlusP[1] ^= 0x80;
        }

        foreach (byte[] bad in new[] { offCurve, compressedPrefix, zeros, xPlusP })
        {
            Assert.False(EcdsaP256Verifier.Verify(bad, 0, digest, 0, signature, 0));
        }
    }

    [Fact]
    public void Honours_Buffer_Offsets()
    {
        var random = new Random(5);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        byte[] k = new byte[70], d = new byte[40], s = new byte[70];
        publicKey.CopyTo(k, 3);
        digest.CopyTo(d, 8);
        signature.CopyTo(s, 6);
        Assert.True(EcdsaP256Verifier.Verify(k, 3, d, 8, s, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaP256Verifier.Verify(k, 6, d, 8, s, 6));
        Assert.Throws<ArgumentNullException>(() => EcdsaP256Verifier.Verify(k, 3, null!, 0, s, 6));
    }

    [Fact]
    public void Pinned_Key_Verification_Costs_At_Most_2300_Field_Operations_And_Allocates_Nothing()
    {
        var random = new Random(6);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        var verifier = new EcdsaP256Verifier();
        Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
        long firstCall = verifier.FieldMultiplyCount + verifier.FieldSquareCount;

        verifier.ResetCounters();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.InRange(verifier.FieldMultiplyCount + verifier.FieldSquareCount, 1, 2300);
        Assert.InRange(firstCall, 1, 4500);
    }

    [Fact]
    public void A_Rejected_Key_Does_Not_Disturb_The_Key_Kept_From_Earlier_Calls()
    {
        var random = new Random(7);
        (byte[] publicKey, byte[] digest, byte[] signature) = PlatformSigned(random);
        (byte[] otherKey, byte[] otherDigest, byte[] otherSignature) = PlatformSigned(random);
        byte[] offCurve = (byte[])publicKey.Clone();
        offCurve[40] ^= 4;
        var verifier = new EcdsaP256Verifier();
        Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
        Assert.False(verifier.VerifyDigest(offCurve, 0, digest, 0, signature, 0));
        Assert.False(verifier.VerifyDigest(otherKey, 0, digest, 0, signature, 0));
        Assert.True(verifier.VerifyDigest(otherKey, 0, otherDigest, 0, otherSignature, 0));
        Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(-2)]
    public void Keys_Equal_To_Small_Multiples_Of_G_Exercise_The_Exceptional_Additions(int multiple)
    {
        // Q = +-G or +-2G makes the two combs share points, so the joint pass meets P + P and P - P.
        BigInteger d = multiple > 0 ? multiple : N + multiple;
        byte[] key = To32Bytes(d);
        byte[] publicKey = PlatformPublicKey(key);
        var random = new Random(multiple + 100);
        var verifier = new EcdsaP256Verifier();
        using ECDsa ecdsa = PlatformKey(key);
        for (int i = 0; i < 64; i++)
        {
            byte[] digest = new byte[32];
            random.NextBytes(digest);
            byte[] signature = ecdsa.SignHash(digest);
            Assert.True(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
            digest[0] ^= 1;
            Assert.False(verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
        }
    }

    private static byte[] Value(string name) => name switch
    {
        "0" => new byte[32],
        "N" => To32Bytes(N),
        "N+1" => To32Bytes(N + 1),
        "MAX" => To32Bytes((BigInteger.One << 256) - 1),
        _ => throw new ArgumentException(name),
    };
}

using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using static CamAgent.Core.Tests.Crypto.P256Reference;

namespace CamAgent.Core.Tests.Crypto;

public class EcdsaP256SignerTests
{
    private static JsonElement Vectors()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorPath("ecdsa-p256-rfc6979.json")));
        return doc.RootElement.Clone();
    }

    public static TheoryData<string> RfcMessages() => new() { "sample", "test" };

    [Theory]
    [MemberData(nameof(RfcMessages))]
    public void Reproduces_Rfc6979_A25_Nonce_And_Signature(string message)
    {
        JsonElement v = Vectors();
        JsonElement c = v.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("message").GetString() == message);
        byte[] key = Convert.FromHexString(v.GetProperty("privateKey").GetString()!);
        byte[] digest = SHA256.HashData(Encoding.ASCII.GetBytes(message));

        var nonce = new Rfc6979Nonce();
        nonce.Start(key, 0, digest, 0);
        uint[] k = new uint[8];
        nonce.Next(k);
        Assert.Equal(Parse(c.GetProperty("k").GetString()!), ToBig(k));

        using var signer = new EcdsaP256Signer(key);
        byte[] signature = new byte[64];
        Assert.Equal(SignerStatus.Ok, signer.SignDigest(digest, 0, signature, 0));
        Assert.Equal(c.GetProperty("r").GetString() + c.GetProperty("s").GetString(), Convert.ToHexString(signature));
    }

    [Fact]
    public void Public_Key_Matches_Rfc6979_A25()
    {
        JsonElement v = Vectors();
        using var signer = new EcdsaP256Signer(Convert.FromHexString(v.GetProperty("privateKey").GetString()!));
        byte[] publicKey = new byte[70];
        Assert.Equal(SignerStatus.Ok, signer.GetPublicKey(publicKey, 5));
        Assert.Equal("04" + v.GetProperty("publicKeyX").GetString() + v.GetProperty("publicKeyY").GetString(),
            Convert.ToHexString(publicKey, 5, 65));
        Assert.Equal(SignerKind.Software, signer.Kind);
    }

    [Fact]
    public void Random_Keys_And_Digests_Sign_What_The_Platform_Verifies_And_Derive_Its_Public_Key()
    {
        var random = new Random(20261122);
        int count = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 5000 : 200;
        for (int i = 0; i < count; i++)
        {
            byte[] key = To32Bytes(Below(random, N - 1) + 1);
            byte[] digest = new byte[32];
            random.NextBytes(digest);
            using var signer = new EcdsaP256Signer(key);
            byte[] publicKey = new byte[65];
            signer.GetPublicKey(publicKey, 0);
            Assert.Equal(PlatformPublicKey(key), publicKey);

            byte[] signature = new byte[64];
            Assert.Equal(SignerStatus.Ok, signer.SignDigest(digest, 0, signature, 0));
            using ECDsa platform = PlatformPublic(publicKey);
            Assert.True(platform.VerifyHash(digest, signature), "platform rejected signature " + i);
            Assert.True(EcdsaP256Verifier.Verify(publicKey, 0, digest, 0, signature, 0));

            byte[] again = new byte[64];
            signer.SignDigest(digest, 0, again, 0);
            Assert.Equal(signature, again);
        }
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000002")]
    [InlineData("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8")]
    public void Edge_Keys_Derive_The_Platform_Public_Key_And_Sign_Verifiably(string keyHex)
    {
        byte[] key = Convert.FromHexString(keyHex);
        using var signer = new EcdsaP256Signer(key);
        byte[] publicKey = new byte[65];
        signer.GetPublicKey(publicKey, 0);
        Assert.Equal(PlatformPublicKey(key), publicKey);

        byte[] digest = SHA256.HashData(key);
        byte[] signature = new byte[64];
        signer.SignDigest(digest, 0, signature, 0);
        using ECDsa platform = PlatformPublic(publicKey);
        Assert.True(platform.VerifyHash(digest, signature));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632552")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    public void Invalid_Private_Keys_Are_Rejected(string keyHex)
    {
        byte[] key = Convert.FromHexString(keyHex);
        Assert.False(EcdsaP256Signer.IsValidPrivateKey(key, 0));
        Assert.Throws<ArgumentException>(() => new EcdsaP256Signer(key));
    }

    [Fact]
    public void Short_Or_Missing_Keys_Are_Rejected()
    {
        Assert.False(EcdsaP256Signer.IsValidPrivateKey(null!, 0));
        Assert.False(EcdsaP256Signer.IsValidPrivateKey(new byte[31], 0));
        Assert.False(EcdsaP256Signer.IsValidPrivateKey(new byte[40], 9));
        Assert.Throws<ArgumentException>(() => new EcdsaP256Signer(new byte[31]));
    }

    [Fact]
    public void One_Signature_Costs_At_Most_2000_Field_Operations_And_Allocates_Nothing()
    {
        byte[] key = To32Bytes(Parse("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"));
        using var signer = new EcdsaP256Signer(key);
        byte[] digest = SHA256.HashData(Encoding.ASCII.GetBytes("sample"));
        byte[] signature = new byte[64];
        signer.SignDigest(digest, 0, signature, 0);

        signer.ResetCounters();
        long before = GC.GetAllocatedBytesForCurrentThread();
        signer.SignDigest(digest, 0, signature, 0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long operations = signer.FieldMultiplyCount + signer.FieldSquareCount;
        Assert.InRange(operations, 1, 2000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Signer_And_Verifier_Working_Memory_Stays_Within_Their_Budgets()
    {
        // Budgets from docs/crypto.md: 7 KB for a signer, 6 KB for a verifier (64-bit host object
        // headers included), against the 48 KiB the whole agent may hold.
        byte[] key = To32Bytes(424242);
        using (new EcdsaP256Signer(key))
        {
            // The first construction also runs the static initialisers (constant tables), which
            // are shared by every instance and not part of an instance's cost.
            new EcdsaP256Verifier().VerifyDigest(new byte[65], 0, new byte[32], 0, new byte[64], 0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        using var signer = new EcdsaP256Signer(key);
        long signerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var verifier = new EcdsaP256Verifier();
        long verifierBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(signerBytes, 1, 7 * 1024);
        Assert.InRange(verifierBytes, 1, 6 * 1024);
        GC.KeepAlive(verifier);
    }

    [Fact]
    public void Nothing_Is_Signed_After_Dispose()
    {
        using var signer = new EcdsaP256Signer(To32Bytes(12345));
        signer.Dispose();
        byte[] signature = new byte[64];
        byte[] publicKey = new byte[65];
        Assert.Equal(SignerStatus.NoKey, signer.SignDigest(new byte[32], 0, signature, 0));
        Assert.Equal(SignerStatus.NoKey, signer.GetPublicKey(publicKey, 0));
        Assert.All(signature, b => Assert.Equal(0, b));
        Assert.All(publicKey, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Buffers_Too_Small_Are_Argument_Errors_And_Leave_The_Output_Untouched()
    {
        using var signer = new EcdsaP256Signer(To32Bytes(7));
        byte[] signature = new byte[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignDigest(new byte[31], 0, signature, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignDigest(new byte[32], 0, signature, 1));
        Assert.Throws<ArgumentNullException>(() => signer.SignDigest(null!, 0, signature, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.GetPublicKey(new byte[64], 0));
        Assert.All(signature, b => Assert.Equal(0, b));
    }
}

using System.Text;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Device.Tests.Vectors;
using nanoFramework.TestFramework;

namespace CamAgent.Device.Tests
{
    /// <summary>RFC 6979 A.2.5 (tests/vectors/ecdsa-p256-rfc6979.json) through the linked Core on nanoCLR.</summary>
    [TestClass]
    public class EcdsaVectorTests
    {
        // Read through a property: nanoCLR runs static initialisers eagerly, in metadata order, so a
        // field initialised from GoldenVectors could be read before GoldenVectors is set (NFS018).
        private static string[] Table => GoldenVectors.EcdsaP256Rfc6979;

        [TestMethod]
        public void Signer_Derives_The_Published_Public_Key()
        {
            EcdsaP256Signer signer = new EcdsaP256Signer(VectorTable.GetHex(Table, "privateKey"));
            byte[] publicKey = new byte[EcdsaP256Signer.PublicKeySizeBytes];

            Assert.AreEqual((int)SignerStatus.Ok, (int)signer.GetPublicKey(publicKey, 0));
            CollectionAssert.AreEqual(ExpectedPublicKey(), publicKey);
        }

        [TestMethod]
        public void Signatures_Are_Exactly_The_Rfc6979_Values_And_Verify()
        {
            EcdsaP256Signer signer = new EcdsaP256Signer(VectorTable.GetHex(Table, "privateKey"));
            int cases = VectorTable.Count(Table, "cases");
            Assert.IsTrue(cases > 0);
            for (int i = 0; i < cases; i++)
            {
                string prefix = "cases[" + i.ToString() + "].";
                byte[] digest = Sha256.Hash(Encoding.UTF8.GetBytes(VectorTable.Get(Table, prefix + "message")));
                byte[] signature = new byte[EcdsaP256Signer.SignatureSizeBytes];

                Assert.AreEqual((int)SignerStatus.Ok, (int)signer.SignDigest(digest, 0, signature, 0));
                CollectionAssert.AreEqual(Concat(VectorTable.GetHex(Table, prefix + "r"), VectorTable.GetHex(Table, prefix + "s")), signature);
                Assert.IsTrue(EcdsaP256Verifier.Verify(ExpectedPublicKey(), 0, digest, 0, signature, 0));
            }
        }

        [TestMethod]
        public void Verifier_Refuses_A_Signature_With_One_Bit_Flipped()
        {
            byte[] digest = Sha256.Hash(Encoding.UTF8.GetBytes(VectorTable.Get(Table, "cases[0].message")));
            byte[] signature = Concat(VectorTable.GetHex(Table, "cases[0].r"), VectorTable.GetHex(Table, "cases[0].s"));
            signature[signature.Length - 1] ^= 0x01;

            Assert.IsFalse(EcdsaP256Verifier.Verify(ExpectedPublicKey(), 0, digest, 0, signature, 0));
        }

        private static byte[] ExpectedPublicKey()
        {
            byte[] x = VectorTable.GetHex(Table, "publicKeyX");
            byte[] y = VectorTable.GetHex(Table, "publicKeyY");
            byte[] key = new byte[1 + x.Length + y.Length];
            key[0] = P256PublicKey.UncompressedPrefix;
            System.Array.Copy(x, 0, key, 1, x.Length);
            System.Array.Copy(y, 0, key, 1 + x.Length, y.Length);
            return key;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, result, 0, a.Length);
            System.Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }
    }
}

using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Device.Tests.Vectors;
using nanoFramework.TestFramework;

namespace CamAgent.Device.Tests
{
    /// <summary>
    /// The manifest, power-loss and receipt vectors (tests/vectors/evidence-*.json): SHA-256 of the
    /// Sig_structure, decoding of the COSE_Sign1 bytes, the RFC 6979 signature byte for byte,
    /// and verification, all through the linked Core on nanoCLR.
    /// </summary>
    [TestClass]
    public class EvidenceVectorTests
    {
        [TestMethod]
        public void Manifest_Vector_Decodes_Hashes_Signs_And_Verifies()
        {
            Check(GoldenVectors.EvidenceManifest);
        }

        [TestMethod]
        public void Power_Loss_Vector_Decodes_Hashes_Signs_Verifies_And_Links_Across_Its_Declared_Gap()
        {
            string[] table = GoldenVectors.EvidencePowerLoss;
            Check(table);
            CollectionAssert.AreEqual(VectorTable.GetHex(GoldenVectors.EvidenceManifest, "recordDigest"), VectorTable.GetHex(table, "fields.previousRecordDigest"));
            long skipped = VectorTable.GetLong(table, "fields.eventDetail");
            Assert.AreEqual(VectorTable.GetLong(GoldenVectors.EvidenceManifest, "fields.sequence") + 1 + skipped, VectorTable.GetLong(table, "fields.sequence"));
        }

        [TestMethod]
        public void Receipt_Vector_Decodes_Hashes_Signs_And_Verifies()
        {
            Check(GoldenVectors.EvidenceReceipt);
        }

        private static void Check(string[] table)
        {
            byte[] cose = VectorTable.GetHex(table, "coseSign1");
            byte[] toBeSigned = VectorTable.GetHex(table, "toBeSigned");
            CollectionAssert.AreEqual(toBeSigned, Sha256.Hash(VectorTable.GetHex(table, "sigStructure")));
            CollectionAssert.AreEqual(VectorTable.GetHex(table, "recordDigest"), Sha256.Hash(cose));

            CoseSign1Message message = new CoseSign1Message();
            Assert.AreEqual((int)CoseStatus.Ok, (int)message.Decode(cose, 0, cose.Length));
            byte[] digest = new byte[Sha256.DigestSizeBytes];
            message.ComputeToBeSignedDigest(new Sha256(), digest, 0);
            CollectionAssert.AreEqual(toBeSigned, digest);

            byte[] signature = new byte[EcdsaP256Signer.SignatureSizeBytes];
            EcdsaP256Signer signer = new EcdsaP256Signer(VectorTable.GetHex(table, "privateKey"));
            Assert.AreEqual((int)SignerStatus.Ok, (int)signer.SignDigest(toBeSigned, 0, signature, 0));
            for (int i = 0; i < signature.Length; i++)
            {
                Assert.AreEqual(cose[message.SignatureOffset + i], signature[i]);
            }

            Assert.IsTrue(EcdsaP256Verifier.Verify(VectorTable.GetHex(table, "publicKey"), 0, digest, 0, cose, message.SignatureOffset));
        }
    }
}

using System.Text;
using CamAgent.Core.Evidence;
using CamAgent.Device.Adapters;
using CamAgent.Device.Tests.Vectors;
using nanoFramework.TestFramework;

namespace CamAgent.Device.Tests
{
    /// <summary>
    /// "CamAgent chunked HMAC v1" (tests/vectors/content-digest.json) computed with the device's
    /// native HMAC adapter, the path every recorded segment takes on the camera.
    /// </summary>
    [TestClass]
    public class ContentDigestVectorTests
    {
        // Read through a property: nanoCLR runs static initialisers eagerly, in metadata order, so a
        // field initialised from GoldenVectors could be read before GoldenVectors is set (NFS018).
        private static string[] Table => GoldenVectors.ContentDigest;

        // The content generator of the vector file: byte i is (31 * i + 7) mod 256.
        private const int ContentMultiplier = 31;
        private const int ContentOffset = 7;
        private const int ByteValues = 256;

        // Content is fed in pieces that straddle chunk boundaries, as file reads do.
        private const int FeedBytes = 1000;

        [TestMethod]
        public void Published_Key_Is_The_Vector_Key()
        {
            CollectionAssert.AreEqual(VectorTable.GetHex(Table, "key"), ContentDigest.CopyKey());
        }

        [TestMethod]
        public void Every_Case_Gives_The_Published_Digest()
        {
            int cases = VectorTable.Count(Table, "cases");
            Assert.IsTrue(cases > 0);
            for (int i = 0; i < cases; i++)
            {
                string prefix = "cases[" + i.ToString() + "].";
                int chunkSize = (int)VectorTable.GetLong(Table, prefix + "chunkSize");
                ContentDigest digest = new ContentDigest(new NativeHmacSha256Factory(), chunkSize);
                Feed(digest, Content(prefix));
                byte[] result = new byte[ContentDigest.DigestSizeBytes];
                digest.Finish(result, 0);

                CollectionAssert.AreEqual(VectorTable.GetHex(Table, prefix + "digest"), result, VectorTable.Get(Table, prefix + "name"));
            }
        }

        private static byte[] Content(string prefix)
        {
            if (VectorTable.Has(Table, prefix + "contentText"))
            {
                return Encoding.UTF8.GetBytes(VectorTable.Get(Table, prefix + "contentText"));
            }

            byte[] content = new byte[(int)VectorTable.GetLong(Table, prefix + "length")];
            for (int i = 0; i < content.Length; i++)
            {
                content[i] = (byte)(((ContentMultiplier * i) + ContentOffset) % ByteValues);
            }

            return content;
        }

        private static void Feed(ContentDigest digest, byte[] content)
        {
            for (int offset = 0; offset < content.Length; offset += FeedBytes)
            {
                int count = content.Length - offset < FeedBytes ? content.Length - offset : FeedBytes;
                digest.Append(content, offset, count);
            }
        }
    }
}

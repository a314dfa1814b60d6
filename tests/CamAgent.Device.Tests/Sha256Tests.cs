using System.Text;
using CamAgent.Core.Crypto;
using nanoFramework.TestFramework;

namespace CamAgent.Device.Tests
{
    /// <summary>
    /// Core's managed SHA-256 on nanoCLR against the FIPS 180-4 example messages (NIST CSRC
    /// "SHA256.pdf": "abc", the 448-bit two-block message) and the empty message. These guard the
    /// interpreter-specific paths (uint arithmetic, shifts) that the .NET build cannot exercise.
    /// </summary>
    [TestClass]
    public class Sha256Tests
    {
        [TestMethod]
        public void Empty_Message()
        {
            Check(string.Empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }

        [TestMethod]
        public void One_Block_Message_Abc()
        {
            Check("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }

        [TestMethod]
        public void Two_Block_Message()
        {
            Check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        }

        private static void Check(string message, string expectedHex)
        {
            byte[] digest = Sha256.Hash(Encoding.UTF8.GetBytes(message));
            Assert.AreEqual(expectedHex, ToHex(digest));
        }

        private static string ToHex(byte[] bytes)
        {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < bytes.Length; i++)
            {
                hex.Append(bytes[i].ToString("x2"));
            }

            return hex.ToString();
        }
    }
}

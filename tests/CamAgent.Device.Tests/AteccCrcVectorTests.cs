using CamAgent.Core.SecureElement;
using CamAgent.Device.Tests.Vectors;
using nanoFramework.TestFramework;

namespace CamAgent.Device.Tests
{
    /// <summary>
    /// The ATECC608 packet CRC (tests/vectors/atecc608-packets.json) on nanoCLR: the checksum every
    /// secure-element command and answer carries, computed with the interpreter's integer paths.
    /// </summary>
    [TestClass]
    public class AteccCrcVectorTests
    {
        // Read through a property: nanoCLR runs static initialisers eagerly, in metadata order, so a
        // field initialised from GoldenVectors could be read before GoldenVectors is set (NFS018).
        private static string[] Table => GoldenVectors.Atecc608Packets;

        [TestMethod]
        public void Every_Crc_Case_Appends_The_Published_Bytes()
        {
            int cases = VectorTable.Count(Table, "crc");
            Assert.IsTrue(cases > 0);
            for (int i = 0; i < cases; i++)
            {
                string prefix = "crc[" + i.ToString() + "].";
                byte[] data = VectorTable.GetHex(Table, prefix + "data");
                byte[] expected = VectorTable.GetHex(Table, prefix + "crc");
                byte[] packet = new byte[data.Length + expected.Length];
                System.Array.Copy(data, 0, packet, 0, data.Length);

                AteccCrc.Append(packet, 0, data.Length);

                Assert.AreEqual(expected[0], packet[data.Length]);
                Assert.AreEqual(expected[1], packet[data.Length + 1]);
                Assert.IsTrue(AteccCrc.Matches(packet, 0, data.Length));
            }
        }

        [TestMethod]
        public void Every_Published_Packet_Ends_In_Its_Own_Crc()
        {
            int packets = VectorTable.Count(Table, "packets");
            Assert.IsTrue(packets > 0);
            for (int i = 0; i < packets; i++)
            {
                byte[] packet = VectorTable.GetHex(Table, "packets[" + i.ToString() + "].bytes");

                // The CRC covers count..data, after the word address byte (docs/secure-element.md §2).
                Assert.IsTrue(AteccCrc.Matches(packet, 1, packet.Length - 3), VectorTable.Get(Table, "packets[" + i.ToString() + "].name"));
            }
        }
    }
}

using CamAgent.Core.Platform;
using CamAgent.Device.TestPorts.Storage;
using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// The RAM card keeps the guarantees of docs/agent-storage.md §3 through a power cut, and no
    /// more: flushed bytes survive, the unflushed tail keeps at most a prefix (garbage allowed only
    /// in its last bytes), a cut rename is done or not, and nothing answers until power returns.
    /// Every seed is tried the same way on .NET and on nanoCLR.
    /// </summary>
    [TestClass]
    public class RamFileStoreTests
    {
        private const int Seeds = 16;
        private const int FlushedBytes = 100;
        private const int UnflushedBytes = 50;
        private const int TornGarbageBytes = 16;

        [TestMethod]
        public void A_Cut_Keeps_The_Flushed_Bytes_And_At_Most_A_Prefix_Of_The_Rest()
        {
            byte[] data = Pattern(FlushedBytes + UnflushedBytes);
            for (int seed = 1; seed <= Seeds; seed++)
            {
                RamFileStore store = new RamFileStore(seed);
                Ok(store.CreateDirectory("D"), "CreateDirectory");
                Ok(store.CreateFile("D/A.BIN"), "CreateFile");
                Ok(store.Append("D/A.BIN", data, 0, FlushedBytes), "Append");
                Ok(store.Flush("D/A.BIN"), "Flush");
                Ok(store.Append("D/A.BIN", data, FlushedBytes, UnflushedBytes), "Append");
                store.CutAtWriteTo = "B.BIN";
                Assert.IsTrue(CutDuring(store, "D/B.BIN"), "seed " + seed.ToString() + ": the power went during the cut operation");
                store.PowerOn();

                long length;
                Assert.IsTrue(store.GetLength("D/A.BIN", out length) == StoreStatus.Ok, "seed " + seed.ToString() + ": the flushed file survives");
                Assert.IsTrue(length >= FlushedBytes && length <= FlushedBytes + UnflushedBytes, "seed " + seed.ToString() + ": length " + length.ToString());
                byte[] kept = new byte[(int)length];
                int read;
                Ok(store.Read("D/A.BIN", 0, kept, 0, kept.Length, out read), "Read");
                int intact = kept.Length - TornGarbageBytes > FlushedBytes ? kept.Length - TornGarbageBytes : FlushedBytes;
                for (int i = 0; i < intact; i++)
                {
                    Assert.IsTrue(kept[i] == data[i], "seed " + seed.ToString() + ": byte " + i.ToString() + " changed");
                }
            }
        }

        [TestMethod]
        public void A_Cut_Rename_Is_Done_Or_Not_And_Nothing_Answers_Until_Power_Returns()
        {
            int done = 0;
            for (int seed = 1; seed <= Seeds; seed++)
            {
                RamFileStore store = new RamFileStore(seed);
                Ok(store.CreateFile("OLD.BIN"), "CreateFile");
                Ok(store.Append("OLD.BIN", Pattern(10), 0, 10), "Append");
                Ok(store.Flush("OLD.BIN"), "Flush");
                store.CutAtWriteOperation = store.WriteOperations + 1;
                bool cut = false;
                try
                {
                    _ = store.Rename("OLD.BIN", "NEW.BIN"); // a cut throws; which name survives is checked once power returns
                }
                catch (PowerCutException)
                {
                    cut = true;
                }

                Assert.IsTrue(cut, "seed " + seed.ToString() + ": the rename was cut");
                Assert.IsTrue(CutDuringLength(store), "seed " + seed.ToString() + ": a call before power returns throws");
                store.PowerOn();
                long length;
                bool renamed = store.GetLength("NEW.BIN", out length) == StoreStatus.Ok;
                Assert.IsTrue(renamed != store.Exists("OLD.BIN"), "seed " + seed.ToString() + ": exactly one name survives");
                Assert.IsTrue(store.CreateFile("OTHER.BIN") == StoreStatus.Ok, "a file is created after power returns");
                Assert.IsTrue(store.Rename(renamed ? "NEW.BIN" : "OLD.BIN", "OTHER.BIN") == StoreStatus.AlreadyExists, "a rename never replaces a file");
                done += renamed ? 1 : 0;
            }

            Assert.IsTrue(done > 0 && done < Seeds, "both outcomes occur over the seeds: " + done.ToString() + " of " + Seeds.ToString() + " renamed");
        }

        private static void Ok(StoreStatus status, string step)
        {
            Assert.IsTrue(status == StoreStatus.Ok, step + " during set-up: " + status.ToString());
        }

        private static bool CutDuring(RamFileStore store, string path)
        {
            try
            {
                _ = store.CreateFile(path); // the call is expected to throw: the cut is the outcome
            }
            catch (PowerCutException)
            {
                return true;
            }

            return false;
        }

        private static bool CutDuringLength(RamFileStore store)
        {
            long length;
            try
            {
                _ = store.GetLength("OLD.BIN", out length); // expected to throw while the power is off
            }
            catch (PowerCutException)
            {
                return true;
            }

            return false;
        }

        private static byte[] Pattern(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7 + 3);
            }

            return data;
        }
    }
}

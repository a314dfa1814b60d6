using System;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="IRecordSlots"/> on the internal flash volume (I:): slot n of record "config" is
    /// the file I:\camagent\config.n. Each slot is its own file, so a write cut by a power loss
    /// can damage only the slot being written; Core's DurableRecord detects a torn slot.
    /// nanoFramework syncs every FileStream write natively, so a write that returned is durable.
    /// </summary>
    public sealed class FlashRecordSlots : IRecordSlots
    {
        /// <summary>Folder on internal flash that holds the agent's records and the device bundle.</summary>
        public const string Folder = "I:\\camagent";

        private const int SlotCount = 2;

        public FlashRecordSlots()
        {
            if (!Directory.Exists(Folder))
            {
                Directory.CreateDirectory(Folder);
            }
        }

        public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length)
        {
            string path = PathOf(name, slot);
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            length = 0;
            try
            {
                if (!File.Exists(path))
                {
                    return SlotStatus.Missing;
                }

                using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    if (file.Length > count)
                    {
                        return SlotStatus.TooLarge;
                    }

                    int wanted = (int)file.Length;
                    while (length < wanted)
                    {
                        int read = file.Read(buffer, offset + length, wanted - length);
                        if (read <= 0)
                        {
                            break;
                        }

                        length += read;
                    }
                }

                return SlotStatus.Ok;
            }
            catch (IOException)
            {
                length = 0;
                return SlotStatus.IoError;
            }
        }

        public SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name, slot);
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            try
            {
                using (FileStream file = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    file.Write(buffer, offset, count);
                }

                return SlotStatus.Ok;
            }
            catch (IOException)
            {
                // The internal flash volume is small and holds nothing else the agent writes, so
                // a failed write of a record of bounded size is reported as a medium error.
                return SlotStatus.IoError;
            }
        }

        private static string PathOf(string name, int slot)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentNullException("name");
            }

            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentOutOfRangeException("slot");
            }

            return Folder + "\\" + name + "." + slot.ToString();
        }
    }
}

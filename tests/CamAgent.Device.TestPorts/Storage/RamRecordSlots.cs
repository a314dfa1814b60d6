using System;
using System.Collections;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Storage
{
    /// <summary>
    /// <see cref="IRecordSlots"/> in RAM (the device keeps them as small files on internal flash):
    /// a write that returned is durable and never touches the other slot. It survives a simulated
    /// power cycle because the test keeps the instance; the card's power cut does not reach it.
    /// </summary>
    public sealed class RamRecordSlots : IRecordSlots
    {
        private readonly Hashtable _slots = new Hashtable();

        /// <summary>Writes since construction.</summary>
        public int Writes { get; private set; }

        public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length)
        {
            length = 0;
            byte[] data = (byte[])_slots[SlotKey(name, slot)];
            if (data == null)
            {
                return SlotStatus.Missing;
            }

            if (data.Length > count)
            {
                return SlotStatus.TooLarge;
            }

            Array.Copy(data, 0, buffer, offset, data.Length);
            length = data.Length;
            return SlotStatus.Ok;
        }

        public SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            byte[] data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            _slots[SlotKey(name, slot)] = data;
            Writes++;
            return SlotStatus.Ok;
        }

        private static string SlotKey(string name, int slot)
        {
            if (slot != 0 && slot != 1)
            {
                throw new ArgumentOutOfRangeException("slot");
            }

            return name + "." + slot.ToString();
        }
    }
}

using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Fakes;

/// <summary>
/// Two-slot storage in memory that behaves like small files on flash: it can lose power during
/// write number N (the slot is left with only a prefix of the new bytes, chosen by the test) and
/// can report a full medium or an I/O error.
/// </summary>
public sealed class MemoryRecordSlots : IRecordSlots
{
    private readonly Dictionary<string, byte[]> _slots = new();

    /// <summary>Zero-based index of the write that is cut; -1 for none.</summary>
    public int CutAtWrite { get; set; } = -1;

    /// <summary>How many bytes of the cut write reach the medium.</summary>
    public int CutKeepsBytes { get; set; }

    public SlotStatus FailWritesWith { get; set; } = SlotStatus.Ok;

    public SlotStatus FailReadsWith { get; set; } = SlotStatus.Ok;

    public int Writes { get; private set; }

    public bool PowerLost { get; private set; }

    public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length)
    {
        length = 0;
        if (FailReadsWith != SlotStatus.Ok)
        {
            return FailReadsWith;
        }

        if (!_slots.TryGetValue(name + "." + slot, out byte[]? data))
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
        if (PowerLost)
        {
            throw new InvalidOperationException("write after power loss: the test must restore power first");
        }

        if (FailWritesWith != SlotStatus.Ok)
        {
            return FailWritesWith;
        }

        int index = Writes++;
        if (index == CutAtWrite)
        {
            int kept = Math.Min(CutKeepsBytes, count);
            _slots[name + "." + slot] = buffer.AsSpan(offset, kept).ToArray();
            PowerLost = true;
            return SlotStatus.IoError;
        }

        _slots[name + "." + slot] = buffer.AsSpan(offset, count).ToArray();
        return SlotStatus.Ok;
    }

    /// <summary>Power comes back: the next boot reads what the medium holds.</summary>
    public void RestorePower()
    {
        PowerLost = false;
        CutAtWrite = -1;
    }

    public byte[]? RawSlot(string name, int slot) => _slots.TryGetValue(name + "." + slot, out byte[]? d) ? d : null;

    public void Corrupt(string name, int slot, int byteIndex) => _slots[name + "." + slot][byteIndex] ^= 0x40;
}

using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The device's internal flash on the same power supply as the card: when the slots lose power
/// during a write (<see cref="MemoryRecordSlots.CutAtWrite"/>), the card loses it too and the
/// program stops (<see cref="PowerLostException"/>), as it does on the device.
/// </summary>
public sealed class PowerCutSlots(MemoryRecordSlots slots, SimulatedFatStore card) : IRecordSlots
{
    public SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length) =>
        slots.Read(name, slot, buffer, offset, count, out length);

    public SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count)
    {
        SlotStatus status = slots.Write(name, slot, buffer, offset, count);
        if (slots.PowerLost)
        {
            card.LosePower();
            throw new PowerLostException(card.WriteOperations);
        }

        return status;
    }
}

using CamAgent.Core.SecureElement;
using CamAgent.Simulation.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

/// <summary>An emulated ATECC608 on its bus, with the driver over it.</summary>
public sealed class ChipFixture : IDisposable
{
    public const int KeySlot = 0;

    public ChipFixture(bool locked = true, bool withKey = true)
    {
        Chip = new Atecc608Emulator(Clock);
        Driver = new Atecc608(Chip, Clock);
        if (locked)
        {
            Chip.LockConfiguration();
            Chip.LockData();
        }

        if (withKey)
        {
            Chip.LockConfiguration();
            Assert.Equal(SecureElementStatus.Ok, Driver.GenerateKey(KeySlot, new byte[Atecc608.PublicKeyBytes], 0));
        }
    }

    public EmulatorClock Clock { get; } = new();

    public Atecc608Emulator Chip { get; }

    public Atecc608 Driver { get; }

    public void Dispose() => Chip.Dispose();
}

using CamAgent.Device.Network;

namespace CamAgent.Core.Tests.Network;

/// <summary>A network-change source the test drives: joins, drops and reconnects, each raising the firmware's events.</summary>
public sealed class ScriptedNetwork : INetworkChangeSource
{
    public event NetworkChangedHandler? AddressChanged;

    public event NetworkChangedHandler? AvailabilityChanged;

    public bool HasAddress { get; private set; }

    /// <summary>Link up, then an address (the firmware posts availability, then the address change).</summary>
    public void Join(FirmwareSntp firmware, bool eventBeforeFirmware = false)
    {
        HasAddress = true;
        AvailabilityChanged?.Invoke();
        if (eventBeforeFirmware)
        {
            // The managed handler ran between PostAddressChanged and initialize_sntp.
            AddressChanged?.Invoke();
            firmware.FirmwareGotAddress();
            return;
        }

        firmware.FirmwareGotAddress();
        AddressChanged?.Invoke();
    }

    /// <summary>The access point is lost: address gone, link down.</summary>
    public void Drop()
    {
        HasAddress = false;
        AddressChanged?.Invoke();
        AvailabilityChanged?.Invoke();
    }
}

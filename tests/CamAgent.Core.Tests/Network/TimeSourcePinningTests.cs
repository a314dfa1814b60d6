using CamAgent.Core.Tests.Fakes;
using CamAgent.Device.Network;

namespace CamAgent.Core.Tests.Network;

/// <summary>
/// The device's SNTP pinning against a behavioural fake of the ESP32 firmware, which resets the servers to
/// the public pool and restarts the client on every new address: no request ever goes to the pool.
/// </summary>
public sealed class TimeSourcePinningTests
{
    private const string Agency = "ingest.agency.example";

    private readonly FirmwareSntp _firmware = new();
    private readonly ScriptedNetwork _network = new();
    private readonly RecordingLog _log = new();

    private TimeSourcePinning Attach(string server = Agency)
    {
        var pinning = new TimeSourcePinning(_firmware, _network, server, _log);
        pinning.Attach();
        return pinning;
    }

    [Fact]
    public void Every_Reconnect_Repins_The_Agency_Before_The_Client_Starts_And_No_Request_Goes_To_The_Pool()
    {
        TimeSourcePinning pinning = Attach();

        for (int reconnect = 0; reconnect < 5; reconnect++)
        {
            _network.Join(_firmware);
            Assert.Equal(Agency, _firmware.Server1);
            Assert.Equal(Agency, _firmware.Server2);
            Assert.True(_firmware.IsStarted);
            _firmware.StartupDelayElapsed();
            _network.Drop();
        }

        Assert.True(pinning.PinCount >= 5, $"{pinning.PinCount} pins for 5 joins");
        Assert.Equal(Enumerable.Repeat(Agency, 5), _firmware.Requests);
        // The agent never starts the client without setting the agency first, and stops the firmware's pool client before.
        for (int i = 0; i < _firmware.Calls.Count; i++)
        {
            if (_firmware.Calls[i] == "Start")
            {
                Assert.Equal("SetServers:" + Agency, _firmware.Calls[i - 1]);
            }
        }

        Assert.Contains("Stop", _firmware.Calls);
    }

    [Fact]
    public void The_Client_Is_Stopped_While_The_Link_Is_Down()
    {
        TimeSourcePinning pinning = Attach();
        _network.Join(_firmware);

        _network.Drop();
        pinning.Check();

        Assert.False(_firmware.IsStarted);
        _firmware.StartupDelayElapsed();
        Assert.Empty(_firmware.Requests);
    }

    [Fact]
    public void A_Firmware_Reset_That_Ran_After_The_Event_Is_Undone_By_The_Next_Check_Before_The_First_Request()
    {
        TimeSourcePinning pinning = Attach();

        _network.Join(_firmware, eventBeforeFirmware: true);
        Assert.Equal(FirmwareSntp.Pool0, _firmware.Server1);
        pinning.Check();
        _firmware.StartupDelayElapsed();

        Assert.Equal([Agency], _firmware.Requests);
        Assert.Equal(1, pinning.ResetsCaught);
        Assert.Contains(_log.Lines, l => l.Message.Contains("reset the SNTP servers", StringComparison.Ordinal));
    }

    [Fact]
    public void Attaching_With_No_Link_Leaves_The_Client_Stopped_And_Checks_Change_Nothing()
    {
        TimeSourcePinning pinning = Attach();
        pinning.Check();
        pinning.Check();

        Assert.False(_firmware.IsStarted);
        Assert.Equal(0, pinning.PinCount);
        Assert.DoesNotContain(_firmware.Calls, c => c.StartsWith("SetServers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Check_On_A_Pinned_Running_Client_Does_Nothing()
    {
        TimeSourcePinning pinning = Attach();
        _network.Join(_firmware);
        int calls = _firmware.Calls.Count;

        pinning.Check();
        pinning.Check();

        Assert.Equal(calls, _firmware.Calls.Count);
        Assert.Equal(0, pinning.ResetsCaught);
    }

    [Fact]
    public void With_An_Agency_Address_The_Client_Asks_The_Address_So_No_Name_Is_Resolved()
    {
        Attach("198.51.100.10");
        _network.Join(_firmware);
        _firmware.StartupDelayElapsed();

        Assert.Equal(["198.51.100.10"], _firmware.Requests);
    }
}

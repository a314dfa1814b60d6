using CamAgent.Device.Network;

namespace CamAgent.Core.Tests.Network;

/// <summary>
/// Behaves as nanoFramework's ESP32 firmware does with SNTP: on every new address it sets the pool
/// servers and starts the client (initialize_sntp in targets/ESP32/_common/targetHAL_Network.cpp);
/// a started client sends its first request after the start-up delay. Records every request it
/// would have sent, and to which server, so a test can assert that none went elsewhere.
/// </summary>
public sealed class FirmwareSntp : ITimeClient
{
    public const string Pool0 = "0.pool.ntp.org";
    public const string Pool1 = "1.pool.ntp.org";

    public bool IsStarted { get; private set; }

    public string Server1 { get; private set; } = Pool0;

    public string Server2 { get; private set; } = Pool1;

    /// <summary>Calls the agent made, in order (SetServers:X, Start, Stop).</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Servers asked, one entry per request sent.</summary>
    public List<string> Requests { get; } = [];

    public void SetServers(string server)
    {
        Calls.Add("SetServers:" + server);
        Server1 = server;
        Server2 = server;
    }

    public void Start()
    {
        Calls.Add("Start");
        IsStarted = true;
    }

    public void Stop()
    {
        Calls.Add("Stop");
        IsStarted = false;
    }

    /// <summary>The firmware's own reaction to IP_EVENT_STA_GOT_IP, in native code.</summary>
    public void FirmwareGotAddress()
    {
        Server1 = Pool0;
        Server2 = Pool1;
        IsStarted = true;
    }

    /// <summary>The start-up delay ran out: a running client sends one request to its first server.</summary>
    public void StartupDelayElapsed()
    {
        if (IsStarted)
        {
            Requests.Add(Server1);
        }
    }
}

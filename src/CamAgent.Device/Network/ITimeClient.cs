namespace CamAgent.Device.Network
{
    /// <summary>
    /// The platform's SNTP client as <see cref="TimeSourcePinning"/> drives it (device: nanoFramework's
    /// Sntp class through CamAgent.Device.Adapters.SntpTimeSync). Calls never throw for expected
    /// conditions; the client keeps no state of its own beyond what the firmware keeps.
    /// </summary>
    public interface ITimeClient
    {
        /// <summary>True while the firmware's SNTP client runs.</summary>
        bool IsStarted { get; }

        /// <summary>The first server the firmware will ask (it resets this on every new address).</summary>
        string Server1 { get; }

        /// <summary>The second server.</summary>
        string Server2 { get; }

        /// <summary>Points both server slots at <paramref name="server"/> (a host name or an IPv4 literal).</summary>
        void SetServers(string server);

        /// <summary>Starts the client; its first request follows after the firmware's start-up delay.</summary>
        void Start();

        /// <summary>Stops the client: no request leaves until it is started again.</summary>
        void Stop();
    }
}

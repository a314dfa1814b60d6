using System.Threading;
using CamAgent.Device.Adapters;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Joins Wi-Fi off the agent thread (a join blocks for seconds; sealing must not wait for
    /// it), starts SNTP once the link is up, asks SNTP for an update whenever the link comes back,
    /// and retries a failed join once per <see cref="DeviceConstants.WifiRetryIntervalMs"/>.
    /// </summary>
    public sealed class NetworkThread
    {
        private readonly WifiLink _wifi;
        private readonly SntpTimeSync _sntp;

        public NetworkThread(WifiLink wifi, SntpTimeSync sntp)
        {
            _wifi = wifi;
            _sntp = sntp;
        }

        public void Run()
        {
            bool sntpStarted = false;
            bool wasUp = false;
            while (true)
            {
                bool up = _wifi.IsUp || _wifi.Connect(DeviceConstants.WifiJoinTimeoutMs);
                if (up && !sntpStarted)
                {
                    _sntp.Start();
                    sntpStarted = true;
                }
                else if (up && !wasUp)
                {
                    _sntp.RequestUpdate();
                }

                wasUp = up;
                Thread.Sleep(DeviceConstants.WifiRetryIntervalMs);
            }
        }
    }
}

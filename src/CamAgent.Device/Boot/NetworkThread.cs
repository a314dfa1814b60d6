using System.Threading;
using CamAgent.Device.Adapters;
using CamAgent.Device.Network;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Joins Wi-Fi off the agent thread (a join blocks for seconds; sealing must not wait for it),
    /// keeps SNTP pinned to the agency (<see cref="TimeSourcePinning"/>: re-pinned on every address
    /// change, stopped while the link is down, checked every <see cref="DeviceConstants.SntpPinCheckIntervalMs"/>),
    /// and retries a failed join once per <see cref="DeviceConstants.WifiRetryIntervalMs"/>.
    /// </summary>
    public sealed class NetworkThread
    {
        private readonly WifiLink _wifi;
        private readonly TimeSourcePinning _time;

        public NetworkThread(WifiLink wifi, TimeSourcePinning time)
        {
            _wifi = wifi;
            _time = time;
        }

        public void Run()
        {
            // Subscribed before the first join, so the first address is handled like every later one.
            _time.Attach();
            int sinceJoinMs = DeviceConstants.WifiRetryIntervalMs;
            while (true)
            {
                if (!_wifi.IsUp && sinceJoinMs >= DeviceConstants.WifiRetryIntervalMs)
                {
                    _wifi.Connect(DeviceConstants.WifiJoinTimeoutMs);
                    sinceJoinMs = 0;
                }

                _time.Check();
                Thread.Sleep(DeviceConstants.SntpPinCheckIntervalMs);
                sinceJoinMs += DeviceConstants.SntpPinCheckIntervalMs;
            }
        }
    }
}

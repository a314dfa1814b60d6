using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>The Wi-Fi link as a switch the test sets; up unless told otherwise.</summary>
    public sealed class SwitchableLink : INetworkLink
    {
        public SwitchableLink()
        {
            IsUp = true;
        }

        public bool IsUp { get; set; }
    }
}

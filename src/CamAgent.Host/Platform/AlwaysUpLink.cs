using CamAgent.Core.Platform;

namespace CamAgent.Host.Platform;

/// <summary>The host's network is assumed up; a dial failure still shows as a transport status.</summary>
public sealed class AlwaysUpLink : INetworkLink
{
    public bool IsUp => true;
}

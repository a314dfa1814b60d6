namespace CamAgent.Device.Network
{
    /// <summary>A change of the network; the receiver asks the source for the state it needs.</summary>
    public delegate void NetworkChangedHandler();
}

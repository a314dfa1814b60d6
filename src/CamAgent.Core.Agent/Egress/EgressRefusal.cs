namespace CamAgent.Core.Egress
{
    /// <summary>Why the <see cref="EgressGate"/> refused a connection (it returns TransportStatus.PolicyRefused for each).</summary>
    public enum EgressRefusal
    {
        /// <summary>The last attempt was allowed through.</summary>
        None = 0,

        /// <summary>A host other than the configured agency host was asked for.</summary>
        HostNotAllowed = 1,

        /// <summary>A port other than 443 was asked for.</summary>
        PortNotAllowed = 2,

        /// <summary>The wall clock is not trusted (below the time floor or not synchronised): certificate checks would be meaningless.</summary>
        ClockNotTrusted = 3,
    }
}

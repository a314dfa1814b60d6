namespace CamAgent.Core.Platform
{
    /// <summary>Outcome of one I2C transaction.</summary>
    public enum I2cStatus
    {
        Ok = 0,

        /// <summary>No device acknowledged the address (asleep, busy executing, or absent).</summary>
        AddressNotAcknowledged = 1,

        /// <summary>The device acknowledged the address but the transfer stopped early.</summary>
        PartialTransfer = 2,

        /// <summary>The controller failed (clock stretch timeout, arbitration loss, driver error).</summary>
        BusError = 3,
    }
}

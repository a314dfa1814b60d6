namespace CamAgent.Core.Platform
{
    /// <summary>Expected outcomes of a signing operation.</summary>
    public enum SignerStatus
    {
        Ok = 0,

        /// <summary>The key is not present or not provisioned.</summary>
        NoKey = 1,

        /// <summary>The device that holds the key did not answer or answered garbage.</summary>
        DeviceError = 2,

        /// <summary>The device is busy; the caller may try again later.</summary>
        Busy = 3,

        /// <summary>The device refused (e.g. configuration not locked).</summary>
        Refused = 4,
    }
}

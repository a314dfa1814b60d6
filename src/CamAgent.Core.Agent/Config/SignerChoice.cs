namespace CamAgent.Core.Config
{
    /// <summary>Which signer holds the device key, from the "device.signer" field.</summary>
    public enum SignerChoice
    {
        /// <summary>"software": a P-256 key in the configuration, used by the managed signer.</summary>
        Software = 1,

        /// <summary>"secure-element": the key lives in the secure element; the configuration carries none.</summary>
        SecureElement = 2,
    }
}

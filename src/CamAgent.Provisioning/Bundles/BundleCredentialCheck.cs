using CamAgent.Core.Config;
using CamAgent.Core.Crypto;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// The key check of the device's configuration validator as a host can make it: a software key
/// must belong to the device certificate, exactly as the device checks it (through Core's signer);
/// a secure-element key never leaves its chip, so on the host there is nothing to compare. The
/// enrolment checked the chip's proof of possession (the CSR signature), and the device checks
/// its chip's key again when it applies the bundle.
/// </summary>
internal sealed class BundleCredentialCheck : ICredentialCheck
{
    private readonly SignerCredentialCheck _software = new(key => new EcdsaP256Signer(key), null);

    public ConfigError Check(DeviceConfig candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Signer == SignerChoice.Software ? _software.Check(candidate) : ConfigError.None;
    }
}

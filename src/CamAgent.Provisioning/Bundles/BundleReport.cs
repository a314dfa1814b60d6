namespace CamAgent.Provisioning.Bundles;

/// <summary>What `camagent bundle verify` establishes about a bundle that passed every check (no secrets).</summary>
/// <param name="Bundle">The decoded bundle.</param>
/// <param name="ConfigSerial">config.serial of the carried configuration.</param>
/// <param name="AgencyHost">agency.host of the carried configuration.</param>
/// <param name="Signer">device.signer: "software" (key inside the bundle) or "secure-element".</param>
/// <param name="BoardName">Name of the carried board profile.</param>
/// <param name="SignerSubject">Subject of the bundle-signing certificate.</param>
public sealed record BundleReport(DeviceBundle Bundle, string ConfigSerial, string AgencyHost, string Signer, string BoardName, string SignerSubject);

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// A device bundle's content (docs/device-bundle.md): the payload of a COSE_Sign1 signed by the
/// agency's bundle-signing key.
/// </summary>
/// <param name="DeviceId">Payload key 2.</param>
/// <param name="Config">Payload key 3: the device configuration text (docs/agent.md §3), byte for byte.</param>
/// <param name="BoardProfile">Payload key 4: the board profile JSON (docs/boards.md), byte for byte.</param>
/// <param name="IssuedAt">Payload key 5: when the bundle was made (UTC, whole seconds).</param>
/// <param name="SignerPublicKey">Payload key 6: 65-byte SEC1 point of the bundle-signing key, pinned by the device at first provisioning.</param>
/// <param name="SignerCertificateDer">x5chain (protected header label 33): the bundle-signing certificate.</param>
public sealed record DeviceBundle(string DeviceId, byte[] Config, byte[] BoardProfile, DateTimeOffset IssuedAt, byte[] SignerPublicKey, byte[] SignerCertificateDer);

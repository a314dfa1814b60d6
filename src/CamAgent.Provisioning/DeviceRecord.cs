namespace CamAgent.Provisioning;

/// <summary>One enrolled device as the PKI folder records it.</summary>
/// <param name="DeviceId">Subject CN of its certificate.</param>
/// <param name="SerialHex">Serial of its current certificate (canonical uppercase hex).</param>
/// <param name="NotBefore">Start of validity of the current certificate (UTC).</param>
/// <param name="NotAfter">End of validity of the current certificate (UTC).</param>
/// <param name="State">Derived from the dates and the revocation list at the time of listing.</param>
/// <param name="KeyHeldByPki">True when the PKI generated the key (it goes into the device bundle); false for CSR enrolment.</param>
public sealed record DeviceRecord(string DeviceId, string SerialHex, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DeviceState State, bool KeyHeldByPki);

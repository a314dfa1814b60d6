namespace CamAgent.Verification;

/// <summary>
/// One observation about a device's records. <paramref name="Sequence"/> is the position in the
/// chain it concerns (the sequence number in the file name, or the missing number), or null
/// when it concerns the device folder as a whole.
/// </summary>
public sealed record Finding(string DeviceId, long? Sequence, FindingKind Kind, Severity Severity, string Message);

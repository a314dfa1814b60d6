namespace CamAgent.Cli.Provisioning;

/// <summary>What INFO reports about the device's secure element.</summary>
public sealed record DeviceInfo(string SerialNumberHex, string RevisionHex, bool ConfigLocked, bool DataLocked, int KeySlot, bool HasCertificate);

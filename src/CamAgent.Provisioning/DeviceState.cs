namespace CamAgent.Provisioning;

/// <summary>Where a device's current certificate stands, as `camagent devices` shows it.</summary>
public enum DeviceState
{
    /// <summary>Valid, not yet in its renewal window.</summary>
    Active,

    /// <summary>Valid, but expires within <see cref="PkiPolicy.DeviceRenewWindowDays"/>: renew and re-bundle.</summary>
    RenewDue,

    /// <summary>Past its end date (or not yet valid): the ingest server refuses it.</summary>
    Expired,

    /// <summary>Listed in the revocation list: the ingest server refuses it.</summary>
    Revoked,
}

namespace CamAgent.Verification;

/// <summary>Everything established about one device's records.</summary>
public sealed class DeviceReport
{
    public DeviceReport(string deviceId, string folder)
    {
        DeviceId = deviceId;
        Folder = folder;
    }

    public string DeviceId { get; set; }

    public string Folder { get; }

    /// <summary>Subject, issuer, serial and validity of the device certificate(s) seen, one line each.</summary>
    public List<string> Certificates { get; } = new();

    /// <summary>The same certificates, field by field, with their SHA-256 fingerprints.</summary>
    public List<CertificateSummary> CertificateDetails { get; } = new();

    public List<RecordSummary> Records { get; } = new();

    public List<Finding> Findings { get; } = new();

    public int AuthenticRecords => Records.Count(r => r.Authentic);

    public long VerifiedContentBytes => Records.Where(r => r.ContentVerified).Sum(r => r.ContentLength);

    /// <summary>No error finding and at least one authentic record.</summary>
    public bool IsValid => AuthenticRecords > 0 && Findings.All(f => f.Severity != Severity.Error);
}

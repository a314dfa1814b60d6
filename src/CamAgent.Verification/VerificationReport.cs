namespace CamAgent.Verification;

/// <summary>The result of verifying a store or a device folder.</summary>
public sealed class VerificationReport
{
    public VerificationReport(string input, IReadOnlyList<string> trustAnchors, DateTimeOffset verifiedAt)
    {
        Input = input;
        TrustAnchors = trustAnchors;
        VerifiedAt = verifiedAt;
    }

    /// <summary>The folder that was verified, as given.</summary>
    public string Input { get; }

    /// <summary>Subject and SHA-256 fingerprint of each agency certificate trusted.</summary>
    public IReadOnlyList<string> TrustAnchors { get; }

    public DateTimeOffset VerifiedAt { get; }

    public List<DeviceReport> Devices { get; } = new();

    /// <summary>Findings about the store as a whole (its audit log), not about one device's records.</summary>
    public List<Finding> StoreFindings { get; } = new();

    /// <summary>The audit log compared with the records, or null when none was.</summary>
    public string? AuditLog { get; set; }

    public IEnumerable<Finding> AllFindings => StoreFindings.Concat(Devices.SelectMany(d => d.Findings));

    public int ErrorCount => AllFindings.Count(f => f.Severity == Severity.Error);

    public int WarningCount => AllFindings.Count(f => f.Severity == Severity.Warning);

    /// <summary>Valid when every device folder is valid and nothing is wrong with the store as a whole.</summary>
    public bool IsValid => Devices.Count > 0 && StoreFindings.All(f => f.Severity != Severity.Error)
        && Devices.All(d => d.IsValid || (d.Records.Count == 0 && d.Findings.All(f => f.Severity != Severity.Error)));
}

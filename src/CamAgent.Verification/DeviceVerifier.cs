using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>Verifies one device folder: every record, its content and receipt, then the chain as a whole.</summary>
public sealed class DeviceVerifier
{
    /// <summary>
    /// Largest record or receipt file read: a record holds a manifest (≤ 512 bytes) and up to four
    /// certificates of ≤ 2 KiB; anything larger is not a CamAgent record and is refused unread.
    /// </summary>
    public const int MaxRecordFileBytes = 16 * 1024;

    private readonly RecordAuthenticator _authenticator;
    private readonly ContentVerifier _content = new();
    private readonly VerificationOptions _options;
    private readonly Action _recordChecked;

    /// <param name="recordChecked">Called after each stored record is checked (progress).</param>
    public DeviceVerifier(RecordAuthenticator authenticator, VerificationOptions options, Action? recordChecked = null)
    {
        _authenticator = authenticator;
        _options = options;
        _recordChecked = recordChecked ?? (() => { });
    }

    public DeviceReport Verify(DeviceFolder folder)
    {
        var report = new DeviceReport(folder.Name, folder.Path);
        report.Findings.AddRange(folder.Findings);
        var entries = new List<VerifiedEntry>();
        string? deviceId = folder.NameIsDeviceId ? folder.Name : null;
        foreach (StoredRecord stored in folder.Records.Values)
        {
            VerifiedEntry entry = CheckEntry(stored, ref deviceId, report.Findings);
            entries.Add(entry);
            _recordChecked();
        }

        report.DeviceId = deviceId ?? folder.Name;
        SortedDictionary<long, VerifiedEntry> chain = ChainAnalyzer.Analyze(report.DeviceId, entries, _options.FirstSequence, report.Findings);
        ContinuityAnalyzer.Analyze(report.DeviceId, chain, report.Findings);
        TimeAnalyzer.Analyze(report.DeviceId, chain, report.Findings);
        CheckReceiptReferences(report.DeviceId, entries, chain, report.Findings);
        Summarize(report, entries);
        return report;
    }

    private VerifiedEntry CheckEntry(StoredRecord stored, ref string? deviceId, List<Finding> findings)
    {
        string id = deviceId ?? string.Empty;
        if (stored.Manifest is null)
        {
            findings.Add(new Finding(id, stored.FileSequence, FindingKind.UnexpectedFile, Severity.Warning, "content or receipt without a manifest; ignored"));
            return new VerifiedEntry(stored, null);
        }

        byte[]? bytes = ReadBounded(stored.Manifest, out string? problem);
        if (bytes is null)
        {
            findings.Add(new Finding(id, stored.FileSequence, FindingKind.MalformedRecord, Severity.Error, "record file " + problem));
            return new VerifiedEntry(stored, new ManifestCheck(Array.Empty<byte>(), null, null, FindingKind.MalformedRecord, problem!));
        }

        ManifestCheck check = _authenticator.CheckManifest(bytes);
        if (check.IsAuthentic)
        {
            deviceId ??= check.Manifest!.DeviceId;
            if (!string.Equals(deviceId, check.Manifest!.DeviceId, StringComparison.Ordinal))
            {
                check = new ManifestCheck(check.RecordDigest, null, check.Certificate, FindingKind.IdentityMismatch,
                    $"a record of device '{check.Manifest.DeviceId}' stored among the records of '{deviceId}'");
            }
        }

        var entry = new VerifiedEntry(stored, check);
        if (!check.IsAuthentic)
        {
            findings.Add(new Finding(deviceId ?? id, stored.FileSequence, check.Problem!.Value, Severity.Error, check.Message));
            return entry;
        }

        CheckContent(entry, deviceId!, findings);
        CheckReceipt(entry, deviceId!, findings);
        return entry;
    }

    private void CheckContent(VerifiedEntry entry, string deviceId, List<Finding> findings)
    {
        Manifest manifest = entry.Manifest!;
        FileInfo? segment = entry.Stored.Segment;
        if (manifest.Kind == RecordKind.Continuity)
        {
            entry.ContentVerified = segment is null || segment.Length == 0;
            if (!entry.ContentVerified)
            {
                findings.Add(new Finding(deviceId, entry.FileSequence, FindingKind.ContentMismatch, Severity.Error, "a continuity record has no content, yet a content file is stored with it"));
            }

            return;
        }

        (FindingKind Kind, string Message)? mismatch;
        try
        {
            mismatch = _content.Check(segment, manifest, _options.MaxSegmentBytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            mismatch = (FindingKind.ContentMissing, "the segment file cannot be read: " + exception.Message);
        }

        entry.ContentVerified = mismatch is null;
        if (mismatch is not null)
        {
            findings.Add(new Finding(deviceId, entry.FileSequence, mismatch.Value.Kind, Severity.Error, mismatch.Value.Message));
        }
    }

    private void CheckReceipt(VerifiedEntry entry, string deviceId, List<Finding> findings)
    {
        if (entry.Stored.Receipt is null)
        {
            if (_options.ExpectReceipts)
            {
                findings.Add(new Finding(deviceId, entry.FileSequence, FindingKind.ReceiptMissing, Severity.Warning, "no server receipt is stored for this record"));
            }

            return;
        }

        byte[]? bytes = ReadBounded(entry.Stored.Receipt, out string? problem);
        ReceiptCheck check = bytes is null ? new ReceiptCheck(Array.Empty<byte>(), null, string.Empty, "receipt file " + problem) : _authenticator.CheckReceipt(bytes);
        entry.Receipt = check;
        if (check.Receipt is null)
        {
            findings.Add(new Finding(deviceId, entry.FileSequence, FindingKind.ReceiptInvalid, Severity.Error, check.Problem!));
            return;
        }

        Manifest manifest = entry.Manifest!;
        entry.ReceiptVerified = check.Receipt.Matches(manifest.DeviceId, manifest.Sequence, manifest.ContentLength, manifest.ContentDigestBytes, 0, entry.ManifestCheck!.RecordDigest, 0);
        if (!entry.ReceiptVerified)
        {
            findings.Add(new Finding(deviceId, entry.FileSequence, FindingKind.ReceiptMismatch, Severity.Error,
                $"the server's receipt is for a different record (device {check.Receipt.DeviceId}, sequence {check.Receipt.Sequence})"));
        }
    }

    // A manifest names the last receipt the device verified: that receipt must be among those stored.
    private static void CheckReceiptReferences(string deviceId, List<VerifiedEntry> entries, SortedDictionary<long, VerifiedEntry> chain, List<Finding> findings)
    {
        var known = new HashSet<string>(entries.Where(e => e.Receipt?.Receipt is not null).Select(e => Convert.ToHexString(e.Receipt!.ReceiptDigest)));
        foreach ((long sequence, VerifiedEntry entry) in chain)
        {
            Manifest manifest = entry.Manifest!;
            if (manifest.HasLastReceiptDigest && !known.Contains(Convert.ToHexString(manifest.LastReceiptDigest)))
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.ReceiptMissing, Severity.Warning, "the receipt this record says the device last held is not in the store"));
            }
        }
    }

    private static byte[]? ReadBounded(FileInfo file, out string? problem)
    {
        problem = null;
        try
        {
            file.Refresh();
            if (file.Length == 0 || file.Length > MaxRecordFileBytes)
            {
                problem = file.Length == 0 ? "is empty" : $"is {file.Length} bytes, over the {MaxRecordFileBytes}-byte limit";
                return null;
            }

            byte[] bytes = new byte[file.Length];
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = "cannot be read: " + exception.Message;
            return null;
        }
    }

    private static void Summarize(DeviceReport report, List<VerifiedEntry> entries)
    {
        foreach (CertificateSummary certificate in entries.Select(e => e.ManifestCheck?.Certificate?.Certificate).OfType<System.Security.Cryptography.X509Certificates.X509Certificate2>()
                     .DistinctBy(c => c.Thumbprint)
                     .Select(CertificateSummary.Of))
        {
            report.CertificateDetails.Add(certificate);
            report.Certificates.Add(certificate.ToString());
        }

        foreach (VerifiedEntry entry in entries.Where(e => e.ManifestCheck is not null))
        {
            report.Records.Add(Summary(entry, report.Findings));
        }
    }

    private static RecordSummary Summary(VerifiedEntry entry, List<Finding> findings)
    {
        Manifest? m = entry.Manifest;
        string[] problems = findings.Where(f => f.Sequence == entry.FileSequence && f.Severity == Severity.Error).Select(f => ReportNames.Of(f.Kind)).Distinct().ToArray();
        string status = problems.Length == 0 ? ReportNames.Verified : string.Join(",", problems);
        string kind = m is null ? ReportNames.Unreadable : m.Kind == RecordKind.Segment ? ReportNames.Segment : ReportNames.Of(m.Event);
        return new RecordSummary(
            entry.FileSequence,
            kind,
            m?.RecordingId,
            m?.ContentLength ?? 0,
            m is null ? string.Empty : Convert.ToHexStringLower(m.ContentDigestBytes),
            m is null ? null : RecordAuthenticator.EpochMs(m.WallStartMs),
            m is null ? null : RecordAuthenticator.EpochMs(m.WallEndMs),
            m is null ? string.Empty : ReportNames.Of(m.ClockState),
            m?.UncertaintyMs ?? 0,
            m?.Truncated ?? false,
            m is null ? string.Empty : ReportNames.Of(m.SignerKind),
            entry.IsAuthentic,
            entry.ContentVerified,
            entry.ReceiptVerified,
            entry.ReceiptVerified ? RecordAuthenticator.EpochMs(entry.Receipt!.Receipt!.ServerTimeMs) : null,
            status);
    }
}

using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Records the device quarantined (docs/evidence-format.md §5.3, §7.2): a signed record-quarantined
/// record names an earlier sequence number whose record the server refused and the device keeps
/// on its card. A missing number so named is reported as <see cref="FindingKind.Quarantined"/>
/// (a warning: the record exists, but not in this store), not as a gap in the chain.
/// </summary>
public static class QuarantineDeclarations
{
    /// <summary>The numbers the authentic records of <paramref name="chain"/> declare quarantined, each by the first record that declares it.</summary>
    public static SortedDictionary<long, long> Collect(SortedDictionary<long, VerifiedEntry> chain)
    {
        var declared = new SortedDictionary<long, long>();
        foreach ((long sequence, VerifiedEntry entry) in chain)
        {
            Manifest manifest = entry.Manifest!;
            if (manifest.Event == ContinuityEvent.RecordQuarantined && manifest.EventDetail < sequence)
            {
                declared.TryAdd(manifest.EventDetail, sequence);
            }
        }

        return declared;
    }

    /// <summary>The finding for missing number <paramref name="sequence"/>, declared quarantined by record <paramref name="declaredBy"/>.</summary>
    public static Finding FindingFor(string deviceId, long sequence, long declaredBy) =>
        new(deviceId, sequence, FindingKind.Quarantined, Severity.Warning,
            $"no record for sequence {sequence}: the signed record {declaredBy} declares it quarantined by the device after the server refused it; it is kept on the camera's card (docs/agency-it-guide.md)");
}

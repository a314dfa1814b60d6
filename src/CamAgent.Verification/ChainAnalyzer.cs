using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Reconstructs one device's chain from its authentic records and names every break with its
/// position (docs/evidence-format.md §7.2): duplicates, records stored out of place, two signed
/// records for one sequence number, missing numbers, and links that do not hold. A gap is
/// accepted only as the device declared it in a signed power-loss record.
/// </summary>
public static class ChainAnalyzer
{
    /// <summary>
    /// Analyses <paramref name="entries"/> (ascending file sequence). Returns the authentic records
    /// by their own sequence number, the order the chain runs in, and adds findings to <paramref name="findings"/>.
    /// </summary>
    public static SortedDictionary<long, VerifiedEntry> Analyze(string deviceId, IReadOnlyList<VerifiedEntry> entries, long firstSequence, List<Finding> findings)
    {
        FindDuplicates(deviceId, entries, findings);
        FindMisplaced(deviceId, entries, findings);
        SortedDictionary<long, VerifiedEntry> chain = BuildChain(deviceId, entries, findings);
        FindGaps(deviceId, entries, chain, firstSequence, findings);
        CheckLinks(deviceId, chain, firstSequence, findings);
        return chain;
    }

    private static void FindDuplicates(string deviceId, IReadOnlyList<VerifiedEntry> entries, List<Finding> findings)
    {
        IEnumerable<IGrouping<string, VerifiedEntry>> groups = entries
            .Where(e => e.ManifestCheck is not null && e.ManifestCheck.RecordDigest.Length > 0)
            .GroupBy(e => Convert.ToHexString(e.ManifestCheck!.RecordDigest))
            .Where(g => g.Count() > 1);
        foreach (IGrouping<string, VerifiedEntry> group in groups)
        {
            VerifiedEntry original = group.FirstOrDefault(e => e.Manifest?.Sequence == e.FileSequence) ?? group.First();
            foreach (VerifiedEntry copy in group.Where(e => !ReferenceEquals(e, original)))
            {
                copy.IsDuplicate = true;
                findings.Add(new Finding(deviceId, copy.FileSequence, FindingKind.Duplicated, Severity.Error,
                    $"the record stored as sequence {copy.FileSequence} is a byte-identical copy of the one stored as sequence {original.FileSequence}"));
            }
        }
    }

    private static void FindMisplaced(string deviceId, IReadOnlyList<VerifiedEntry> entries, List<Finding> findings)
    {
        var fileSequences = new HashSet<long>(entries.Where(e => e.ManifestCheck is not null).Select(e => e.FileSequence));
        var claimed = new HashSet<long>(entries.Where(e => e.IsAuthentic && !e.IsDuplicate).Select(e => e.Manifest!.Sequence));
        foreach (VerifiedEntry entry in entries.Where(e => e.IsAuthentic && !e.IsDuplicate && e.Manifest!.Sequence != e.FileSequence))
        {
            long own = entry.Manifest!.Sequence;
            bool swapped = fileSequences.Contains(own) || claimed.Contains(entry.FileSequence);
            findings.Add(new Finding(deviceId, entry.FileSequence, swapped ? FindingKind.Reordered : FindingKind.Misfiled, Severity.Error,
                $"the record stored as sequence {entry.FileSequence} is the device's record {own}"));
        }
    }

    private static SortedDictionary<long, VerifiedEntry> BuildChain(string deviceId, IReadOnlyList<VerifiedEntry> entries, List<Finding> findings)
    {
        var chain = new SortedDictionary<long, VerifiedEntry>();
        foreach (VerifiedEntry entry in entries.Where(e => e.IsAuthentic && !e.IsDuplicate))
        {
            long sequence = entry.Manifest!.Sequence;
            if (chain.TryGetValue(sequence, out VerifiedEntry? other))
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.Forked, Severity.Error,
                    $"two different signed records claim sequence {sequence} (stored as {other.FileSequence} and {entry.FileSequence}): the device's chain forked"));
                continue;
            }

            chain.Add(sequence, entry);
        }

        return chain;
    }

    // Walks the sorted numbers present, so a hostile file name far ahead costs one finding, not a loop.
    private static void FindGaps(string deviceId, IReadOnlyList<VerifiedEntry> entries, SortedDictionary<long, VerifiedEntry> chain, long firstSequence, List<Finding> findings)
    {
        var present = new SortedSet<long>(entries.Where(e => e.ManifestCheck is not null).Select(e => e.FileSequence));
        present.UnionWith(chain.Keys);
        SortedDictionary<long, long> quarantined = QuarantineDeclarations.Collect(chain);
        long expected = firstSequence;
        foreach (long sequence in present.Where(s => s >= firstSequence))
        {
            if (sequence > expected)
            {
                ReportGapAround(deviceId, expected, sequence, chain, firstSequence, quarantined, findings);
            }

            expected = sequence == long.MaxValue ? sequence : sequence + 1;
        }
    }

    // Numbers a signed record declares quarantined (§5.3) are reported as such; the runs between them are gaps as before.
    private static void ReportGapAround(string deviceId, long first, long next, SortedDictionary<long, VerifiedEntry> chain, long firstSequence,
        SortedDictionary<long, long> quarantined, List<Finding> findings)
    {
        long runStart = first;
        foreach ((long sequence, long declaredBy) in quarantined.Where(q => q.Key >= first && q.Key < next))
        {
            if (sequence > runStart)
            {
                ReportGap(deviceId, runStart, sequence, chain, firstSequence, findings);
            }

            findings.Add(QuarantineDeclarations.FindingFor(deviceId, sequence, declaredBy));
            runStart = sequence + 1;
        }

        if (runStart < next)
        {
            ReportGap(deviceId, runStart, next, chain, firstSequence, findings);
        }
    }

    // The gap [first, next) is explained only by the device's own signed word (docs/evidence-format.md §7.2):
    // record next is a power-loss record declaring exactly these numbers and still chained to record first - 1.
    private static void ReportGap(string deviceId, long first, long next, SortedDictionary<long, VerifiedEntry> chain, long firstSequence, List<Finding> findings)
    {
        string span = next - 1 == first ? $"sequence {first}" : $"sequences {first} to {next - 1}";
        string? refusal = DeclarationProblem(first, next, chain, firstSequence);
        if (refusal is null)
        {
            findings.Add(new Finding(deviceId, first, FindingKind.DeclaredGap, Severity.Info,
                $"no record for {span}: the signed power-loss record {next} declares these numbers skipped (their commit was cut by the power loss, so they were never published) and still links to record {first - 1}"));
            return;
        }

        string reason = refusal.Length == 0 ? string.Empty : $" ({refusal})";
        findings.Add(new Finding(deviceId, first, FindingKind.Missing, Severity.Error, $"no record for {span}: the chain has a gap{reason}"));
    }

    /// <summary>Null when record <paramref name="next"/> explains the gap; otherwise why not (empty: it does not claim to).</summary>
    private static string? DeclarationProblem(long first, long next, SortedDictionary<long, VerifiedEntry> chain, long firstSequence)
    {
        if (!chain.TryGetValue(next, out VerifiedEntry? declaring)
            || declaring.Manifest!.Event != ContinuityEvent.PowerLossRecovery || declaring.Manifest.EventDetail == 0)
        {
            return string.Empty;
        }

        Manifest declaration = declaring.Manifest;
        if (declaration.EventDetail != next - first)
        {
            return $"power-loss record {next} declares {declaration.EventDetail} skipped from sequence {declaration.SkippedFromSequence}, which is not this gap";
        }

        byte[] link = declaration.PreviousRecordDigest;
        if (first == 0)
        {
            return link.All(b => b == 0) ? null : $"power-loss record {next} does not start from the all-zero link";
        }

        if (first == firstSequence)
        {
            return $"the record before the gap is outside this store, so power-loss record {next}'s link cannot be checked";
        }

        if (!chain.TryGetValue(first - 1, out VerifiedEntry? previous))
        {
            return $"record {first - 1} is not authentic, so power-loss record {next}'s link cannot be checked";
        }

        return link.AsSpan().SequenceEqual(previous.ManifestCheck!.RecordDigest)
            ? null
            : $"power-loss record {next} does not link to record {first - 1}: the device signed another record after record {first - 1}, and it is not here";
    }

    private static void CheckLinks(string deviceId, SortedDictionary<long, VerifiedEntry> chain, long firstSequence, List<Finding> findings)
    {
        foreach ((long sequence, VerifiedEntry entry) in chain)
        {
            byte[] link = entry.Manifest!.PreviousRecordDigest;
            if (sequence == 0)
            {
                if (link.Any(b => b != 0))
                {
                    findings.Add(new Finding(deviceId, 0, FindingKind.BadLink, Severity.Error, "the first record of the chain does not start from the all-zero link"));
                }

                continue;
            }

            if (chain.TryGetValue(sequence - 1, out VerifiedEntry? previous))
            {
                if (!link.AsSpan().SequenceEqual(previous.ManifestCheck!.RecordDigest))
                {
                    findings.Add(new Finding(deviceId, sequence - 1, FindingKind.Forked, Severity.Error,
                        $"the record stored for sequence {sequence - 1} is not the one record {sequence} was chained to: the device signed another record {sequence - 1}"));
                }
            }
            else if (sequence == firstSequence)
            {
                findings.Add(new Finding(deviceId, sequence, FindingKind.Explanation, Severity.Info,
                    $"the chain is checked from sequence {sequence}; earlier records are outside this store"));
            }
        }
    }
}

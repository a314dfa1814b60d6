using System.Security.Cryptography;
using CamAgent.Ingest.Evidence;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// The chain-link rule of creation (docs/upload-protocol.md §3.2, 409 chain-link-mismatch), for
/// any store: a record names the SHA-256 of the record before it, which for a power-loss record
/// declaring k skipped numbers is the one k + 1 before it (docs/evidence-format.md §5.1); a
/// number declared skipped was never published, so holding one contradicts the declaration.
/// Both neighbours are checked when the store holds them; a record whose predecessor the store
/// never received (first upload of a device, or a gap) is accepted, and the gap is left for the
/// offline verifier to report.
/// </summary>
internal static class ChainLinkRule
{
    /// <summary>
    /// True when <paramref name="manifest"/> links to its stored neighbours.
    /// <paramref name="manifestOf"/> returns the manifest bytes the store holds (open or stored) for
    /// a sequence number of the same device, or null.
    /// </summary>
    public static bool Holds(IEvidenceFormat format, ManifestFacts facts, byte[] manifest, Func<ulong, byte[]?> manifestOf)
    {
        ulong skipped = facts.DeclaredSkipped;
        if (skipped > 0 && manifestOf(facts.Sequence - 1) is not null)
        {
            return false;
        }

        if (facts.Sequence > skipped)
        {
            byte[]? previous = manifestOf(facts.Sequence - 1 - skipped);
            if (previous is not null && !SHA256.HashData(previous).AsSpan().SequenceEqual(facts.PreviousRecordHash))
            {
                return false;
            }
        }

        if (facts.Sequence < ulong.MaxValue)
        {
            byte[]? next = manifestOf(facts.Sequence + 1);
            if (next is not null && format.ReadManifest(next, out ManifestFacts? nextFacts) == ManifestVerdict.Valid
                && !nextFacts!.PreviousRecordHash.AsSpan().SequenceEqual(SHA256.HashData(manifest)))
            {
                return false;
            }
        }

        return true;
    }
}

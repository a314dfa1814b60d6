using System.Security.Cryptography;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The remote end of the scenario, reduced to the rules that prove the spool right: creation is
/// idempotent only for the identical record (a second record for a sequence = a reused
/// sequence number), sequences arrive in increasing order, every record links to the SHA-256 of
/// the previous one, offsets must match (tus), and a receipt is issued only for complete content
/// whose digest matches the record. The recorder sequence and truncated flag come from the
/// spool's own entry, so the spool's bookkeeping is checked against the signed record.
/// </summary>
public sealed class Server(IScenarioSealer sealer)
{
    private const int TornTailBytes = 16;

    private readonly SortedDictionary<long, Record> _records = new();

    public int Count => _records.Count;

    public long HighestSequence => _records.Count == 0 ? 0 : _records.Keys.Max();

    public HashSet<long> ReceiptedRecorderSequences { get; } = new();

    /// <summary>Creates (or finds) the upload; returns the current offset, as HEAD would.</summary>
    public long Create(long sequence, byte[] manifest, long recorderSequence, bool truncated)
    {
        if (_records.TryGetValue(sequence, out Record? existing))
        {
            Assert.True(existing.Manifest.SequenceEqual(manifest), $"sequence {sequence} reused with a different record");
            return existing.Content.Count;
        }

        RecordView view = sealer.Parse(manifest);
        Assert.Equal(sequence, view.Sequence);
        Assert.Equal(truncated, view.Truncated);
        if (_records.Count > 0)
        {
            long previous = _records.Keys.Max();
            Assert.True(sequence > previous, $"sequence {sequence} arrived after {previous}");
            Assert.Equal(SHA256.HashData(_records[previous].Manifest), view.PreviousLink);
            AssertGapDeclared(sequence, sequence - previous - 1, view);
        }
        else
        {
            Assert.Equal(sealer.GenesisLink, view.PreviousLink);
            AssertGapDeclared(sequence, sequence, view);
        }

        if (recorderSequence >= 0)
        {
            Assert.DoesNotContain(_records.Values, r => r.RecorderSequence == recorderSequence);
        }

        _records[sequence] = new Record(manifest, view, recorderSequence);
        return 0;
    }

    // The evidence verifier accepts a gap only when the record after it declares exactly its size.
    private static void AssertGapDeclared(long sequence, long gap, RecordView view)
    {
        if (view.DeclaredSkipped >= 0)
        {
            Assert.True(gap == view.DeclaredSkipped, $"record {sequence} follows {gap} missing numbers but declares {view.DeclaredSkipped}");
        }
    }

    public long Patch(long sequence, long offset, byte[] chunk)
    {
        Record record = _records[sequence];
        Assert.Equal(record.Content.Count, offset);
        Assert.True(offset + chunk.Length <= record.View.ContentLength, "content beyond the declared length");
        record.Content.AddRange(chunk);
        return record.Content.Count;
    }

    public byte[] Receipt(long sequence)
    {
        Record record = _records[sequence];
        Assert.Equal(record.View.ContentLength, record.Content.Count);
        Assert.Equal(record.View.ContentDigest, sealer.DigestOf(record.Content.ToArray()));
        if (record.RecorderSequence >= 0)
        {
            ReceiptedRecorderSequences.Add(record.RecorderSequence);
        }

        record.Receipted = true;
        return Receipts.For(sequence, record.Manifest);
    }

    /// <summary>Sequence numbers from 0 to the highest received that never arrived.</summary>
    public IEnumerable<long> MissingSequences() =>
        _records.Count == 0 ? Enumerable.Empty<long>() : Enumerable.Range(0, (int)_records.Keys.Max() + 1).Select(n => (long)n).Where(n => !_records.ContainsKey(n));

    public bool CompleteContentOf(long recorderSequence, out byte[] content)
    {
        Record? record = _records.Values.FirstOrDefault(r => r.RecorderSequence == recorderSequence && r.Receipted);
        content = record?.Content.ToArray() ?? Array.Empty<byte>();
        return record != null;
    }

    public void AssertConsistent()
    {
        foreach (var (sequence, record) in _records)
        {
            Assert.True(record.Receipted, $"record {sequence} never completed");
            if (record.RecorderSequence >= 0)
            {
                // A truncated file may end in a torn sector: only its head is known good.
                byte[] intended = SpoolScenario.ContentOf(record.RecorderSequence);
                byte[] content = record.Content.ToArray();
                int trusted = record.View.Truncated ? Math.Max(0, content.Length - TornTailBytes) : content.Length;
                Assert.True(content.Length <= intended.Length, $"record {sequence} is longer than what the recorder wrote");
                Assert.True(intended.AsSpan().StartsWith(content.AsSpan(0, trusted)), $"record {sequence} content is not what the recorder wrote");
            }
        }
    }

    private sealed class Record(byte[] manifest, RecordView view, long recorderSequence)
    {
        public byte[] Manifest { get; } = manifest;
        public RecordView View { get; } = view;
        public long RecorderSequence { get; } = recorderSequence;
        public List<byte> Content { get; } = new();
        public bool Receipted { get; set; }
    }
}

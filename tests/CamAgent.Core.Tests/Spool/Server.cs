using System.Security.Cryptography;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The remote end of the scenario, reduced to the rules that prove the spool right: creation is
/// idempotent only for the identical manifest (a second manifest for a sequence = a reused
/// sequence number), sequences arrive in increasing order, every record links to the previous
/// one's digest, offsets must match (tus), and a receipt is issued only for complete content
/// whose digest matches the manifest.
/// </summary>
public sealed class Server
{
    private const int TornTailBytes = 16;

    private readonly SortedDictionary<long, Record> _records = new();

    public int Count => _records.Count;

    public long HighestSequence => _records.Count == 0 ? 0 : _records.Keys.Max();

    public HashSet<long> ReceiptedRecorderSequences { get; } = new();

    /// <summary>Creates (or finds) the upload; returns the current offset, as HEAD would.</summary>
    public long Create(long sequence, byte[] manifest)
    {
        if (_records.TryGetValue(sequence, out Record? existing))
        {
            Assert.True(existing.Manifest.SequenceEqual(manifest), $"sequence {sequence} reused with a different manifest");
            return existing.Content.Count;
        }

        Manifest parsed = Manifest.Parse(manifest);
        Assert.Equal(sequence, parsed.Sequence);
        if (_records.Count > 0)
        {
            long previous = _records.Keys.Max();
            Assert.True(sequence > previous, $"sequence {sequence} arrived after {previous}");
            Assert.Equal(SHA256.HashData(_records[previous].Manifest), parsed.PreviousChainState);
        }
        else
        {
            Assert.Empty(parsed.PreviousChainState);
        }

        if (parsed.RecorderSequence >= 0)
        {
            Assert.DoesNotContain(_records.Values, r => r.Parsed.RecorderSequence == parsed.RecorderSequence);
        }

        _records[sequence] = new Record(manifest, parsed);
        return 0;
    }

    public long Patch(long sequence, long offset, byte[] chunk)
    {
        Record record = _records[sequence];
        Assert.Equal(record.Content.Count, offset);
        Assert.True(offset + chunk.Length <= record.Parsed.ContentLength, "content beyond the declared length");
        record.Content.AddRange(chunk);
        return record.Content.Count;
    }

    public byte[] Receipt(long sequence)
    {
        Record record = _records[sequence];
        Assert.Equal(record.Parsed.ContentLength, record.Content.Count);
        Assert.Equal(record.Parsed.ContentDigest, SHA256.HashData(record.Content.ToArray()));
        if (record.Parsed.RecorderSequence >= 0)
        {
            ReceiptedRecorderSequences.Add(record.Parsed.RecorderSequence);
        }

        record.Receipted = true;
        return Receipts.For(sequence, record.Manifest);
    }

    public bool CompleteContentOf(long recorderSequence, out byte[] content, out bool truncated)
    {
        Record? record = _records.Values.FirstOrDefault(r => r.Parsed.RecorderSequence == recorderSequence && r.Receipted);
        content = record?.Content.ToArray() ?? Array.Empty<byte>();
        truncated = record?.Parsed.Truncated ?? false;
        return record != null;
    }

    public void AssertConsistent()
    {
        foreach (var (sequence, record) in _records)
        {
            Assert.True(record.Receipted, $"record {sequence} never completed");
            if (record.Parsed.RecorderSequence >= 0)
            {
                // A truncated file may end in a torn sector: only its head is known good.
                byte[] intended = SpoolScenario.ContentOf(record.Parsed.RecorderSequence);
                byte[] content = record.Content.ToArray();
                int trusted = record.Parsed.Truncated ? Math.Max(0, content.Length - TornTailBytes) : content.Length;
                Assert.True(content.Length <= intended.Length, $"record {sequence} is longer than what the recorder wrote");
                Assert.True(intended.AsSpan().StartsWith(content.AsSpan(0, trusted)), $"record {sequence} content is not what the recorder wrote");
            }
        }
    }

    private sealed class Record(byte[] manifest, Manifest parsed)
    {
        public byte[] Manifest { get; } = manifest;
        public Manifest Parsed { get; } = parsed;
        public List<byte> Content { get; } = new();
        public bool Receipted { get; set; }
    }
}

using System.Security.Cryptography;
using CamAgent.Core.Evidence;
using CamAgent.Core.Tests.Agent;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The rules that prove the agent right, judged on what the agency server receives: creation is
/// idempotent only for the identical record (a second record for a sequence = a sequence number
/// signed twice), sequences arrive in increasing order, every record links to the SHA-256 of the
/// previous one, every gap in the chain is declared by the power-loss record right after it, no
/// recorder segment is sealed twice, and the server never has to refuse anything. The recorder
/// sequence and truncated flag come from the agent's own spool entry, so the spool's bookkeeping
/// is checked against the signed record. Keeps everything it ever received.
/// </summary>
public sealed class ServerOracle(Func<long, SpoolFacts?> spoolFacts) : IUploadWatcher
{
    private const int TornTailBytes = 16;

    private static readonly byte[] GenesisLink = new byte[32];

    private readonly SortedDictionary<long, Record> _records = new();

    public int Count => _records.Count;

    public HashSet<long> ReceiptedRecorderSequences { get; } = new();

    public IReadOnlyCollection<long> Sequences => _records.Keys;

    public void Created(byte[] manifest, Manifest parsed)
    {
        long sequence = parsed.Sequence;
        if (_records.TryGetValue(sequence, out Record? existing))
        {
            Assert.True(existing.Manifest.SequenceEqual(manifest), $"sequence {sequence} signed twice: a second, different record reached the server");
            return;
        }

        SpoolFacts facts = spoolFacts(sequence) ?? throw new Xunit.Sdk.XunitException($"record {sequence} reached the server but is not in the device's spool");
        Assert.Equal(facts.Truncated, parsed.Truncated);
        long declared = parsed.Event == ContinuityEvent.PowerLossRecovery ? parsed.EventDetail : 0;
        if (_records.Count > 0)
        {
            long previous = _records.Keys.Max();
            Assert.True(sequence > previous, $"sequence {sequence} arrived after {previous}");
            Assert.Equal(SHA256.HashData(_records[previous].Manifest), parsed.PreviousRecordDigest);
            Assert.True(sequence - previous - 1 == declared, $"record {sequence} follows {sequence - previous - 1} missing numbers but declares {declared}");
        }
        else
        {
            Assert.Equal(GenesisLink, parsed.PreviousRecordDigest);
            Assert.True(sequence == declared, $"the first record {sequence} declares {declared} numbers skipped");
        }

        if (facts.RecorderSequence >= 0)
        {
            Assert.DoesNotContain(_records.Values, r => r.RecorderSequence == facts.RecorderSequence);
        }

        _records[sequence] = new Record(manifest, parsed.ContentLength, parsed.Truncated, facts.RecorderSequence);
    }

    public void Completed(Manifest parsed, byte[] content)
    {
        Record record = _records[parsed.Sequence];
        Assert.Equal(record.ContentLength, content.Length);
        record.Content = content;
        if (record.RecorderSequence >= 0)
        {
            ReceiptedRecorderSequences.Add(record.RecorderSequence);
        }
    }

    public void Refused(int status, string code) =>
        throw new Xunit.Sdk.XunitException($"the server had to refuse a request: {status} {code}");

    /// <summary>The receipt-bearing content the server holds for recorder segment <paramref name="recorderSequence"/>.</summary>
    public bool CompleteContentOf(long recorderSequence, out byte[] content)
    {
        Record? record = _records.Values.FirstOrDefault(r => r.RecorderSequence == recorderSequence && r.Content != null);
        content = record?.Content ?? Array.Empty<byte>();
        return record != null;
    }

    /// <summary>Every record completed, and each segment holds what the recorder wrote (a truncated one: a prefix, its last sector possibly torn).</summary>
    public void AssertConsistent()
    {
        foreach (var (sequence, record) in _records)
        {
            Assert.True(record.Content != null, $"record {sequence} never completed");
            if (record.RecorderSequence >= 0)
            {
                byte[] intended = Recorder.ContentOf(record.RecorderSequence);
                int trusted = record.Truncated ? Math.Max(0, record.Content!.Length - TornTailBytes) : record.Content!.Length;
                Assert.True(record.Content.Length <= intended.Length, $"record {sequence} is longer than what the recorder wrote");
                Assert.True(intended.AsSpan().StartsWith(record.Content.AsSpan(0, trusted)), $"record {sequence} content is not what the recorder wrote");
            }
        }
    }

    private sealed class Record(byte[] manifest, long contentLength, bool truncated, long recorderSequence)
    {
        public byte[] Manifest { get; } = manifest;
        public long ContentLength { get; } = contentLength;
        public bool Truncated { get; } = truncated;
        public long RecorderSequence { get; } = recorderSequence;
        public byte[]? Content { get; set; }
    }
}

/// <summary>What the device's spool says of a record: the recorder segment it carries (-1: a continuity record) and whether it was cut short.</summary>
public sealed record SpoolFacts(long RecorderSequence, bool Truncated);

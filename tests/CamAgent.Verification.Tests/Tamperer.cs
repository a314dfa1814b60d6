using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Verification.Tests;

/// <summary>
/// Applies one random <see cref="Tamper"/> to a stored chain, says where and how the verifier
/// must report it, and undoes it afterwards (only the files it touched are restored).
/// </summary>
public sealed class Tamperer
{
    private static readonly FindingKind[] RecordRefused = { FindingKind.MalformedRecord, FindingKind.BadCertificate, FindingKind.BadSignature, FindingKind.IdentityMismatch };

    private readonly VerifierFixture _fixture;
    private readonly ChainBuilder _chain;
    private readonly Random _random;
    private readonly Dictionary<string, byte[]?> _saved = new(StringComparer.Ordinal);

    public Tamperer(VerifierFixture fixture, ChainBuilder chain, Random random)
    {
        _fixture = fixture;
        _chain = chain;
        _random = random;
    }

    public sealed record Expectation(Tamper Tamper, long Sequence, FindingKind[] Kinds, string Description);

    /// <summary>Damages the store; the verifier must report one of the expected kinds at the expected sequence, and nothing earlier.</summary>
    public Expectation Apply(Tamper tamper)
    {
        long[] withContent = _chain.SegmentsWithContent.ToArray();
        int last = _chain.Count - 1;
        switch (tamper)
        {
            case Tamper.ContentBitFlip:
                return FlipBit(tamper, Pick(withContent), "segment", 0, new[] { FindingKind.ContentMismatch });
            case Tamper.ManifestBitFlip:
                return FlipBit(tamper, _random.Next(_chain.Count), "manifest.cose", 0, RecordRefused);
            case Tamper.SignatureBitFlip:
                return FlipBit(tamper, _random.Next(_chain.Count), "manifest.cose", 64, new[] { FindingKind.BadSignature });
            case Tamper.ReceiptBitFlip:
                return FlipBit(tamper, _random.Next(_chain.Count), "receipt.cose", 0, new[] { FindingKind.ReceiptInvalid });
            case Tamper.DeleteRecord:
                long deleted = _random.Next(last);
                DeleteAll(deleted);
                return new Expectation(tamper, deleted, new[] { FindingKind.Missing }, $"deleted record {deleted}");
            case Tamper.DeleteContent:
                long emptied = Pick(withContent);
                Write(PathOf(emptied, "segment"), null);
                return new Expectation(tamper, emptied, new[] { FindingKind.ContentMissing }, $"deleted the content of {emptied}");
            case Tamper.SwapRecords:
                return Swap();
            case Tamper.DuplicateRecord:
                return Duplicate();
            case Tamper.TruncateContent:
                long cut = Pick(withContent);
                byte[] content = File.ReadAllBytes(PathOf(cut, "segment"));
                Write(PathOf(cut, "segment"), content[.._random.Next(content.Length)]);
                return new Expectation(tamper, cut, new[] { FindingKind.Truncated }, $"truncated the content of {cut}");
            default:
                return Fork();
        }
    }

    /// <summary>Puts back every file the last <see cref="Apply"/> touched.</summary>
    public void Undo()
    {
        foreach ((string path, byte[]? bytes) in _saved)
        {
            if (bytes is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllBytes(path, bytes);
            }
        }

        _saved.Clear();
    }

    private Expectation FlipBit(Tamper tamper, long sequence, string extension, int lastBytes, FindingKind[] kinds)
    {
        string path = PathOf(sequence, extension);
        byte[] bytes = File.ReadAllBytes(path);
        int index = lastBytes > 0 ? bytes.Length - 1 - _random.Next(lastBytes) : _random.Next(bytes.Length);
        int bit = _random.Next(8);
        bytes[index] ^= (byte)(1 << bit);
        Write(path, bytes);
        return new Expectation(tamper, sequence, kinds, $"flipped bit {bit} of byte {index} of {Path.GetFileName(path)}");
    }

    private Expectation Swap()
    {
        long a = _random.Next(_chain.Count);
        long b;
        do
        {
            b = _random.Next(_chain.Count);
        }
        while (b == a);

        Dictionary<string, byte[]?> first = ReadAll(a);
        Dictionary<string, byte[]?> second = ReadAll(b);
        foreach (string extension in first.Keys)
        {
            Write(PathOf(a, extension), second[extension]);
            Write(PathOf(b, extension), first[extension]);
        }

        return new Expectation(Tamper.SwapRecords, Math.Min(a, b), new[] { FindingKind.Reordered }, $"swapped records {a} and {b}");
    }

    private Expectation Duplicate()
    {
        long source = _random.Next(_chain.Count);
        long target;
        do
        {
            target = _random.Next(_chain.Count);
        }
        while (target == source);

        foreach ((string extension, byte[]? bytes) in ReadAll(source))
        {
            Write(PathOf(target, extension), bytes);
        }

        return new Expectation(Tamper.DuplicateRecord, target, new[] { FindingKind.Duplicated }, $"copied record {source} over record {target}");
    }

    // The device key signs a second, different record for a sequence number that is already used.
    private Expectation Fork()
    {
        long sequence = _random.Next(_chain.Count - 1);
        var state = new ChainState();
        state.CopyFrom(_chain.StatesBefore[(int)sequence]);
        TestDevice device = _fixture.Device;
        Manifest record = device.NewRecord(1_000);
        byte[] content = new byte[_random.Next(1, 3 * ChainBuilder.ChunkSize)];
        _random.NextBytes(content);
        byte[] output = new byte[device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, device.Sealer.SealSegment(new MemoryStream(content), record, state, output, 0, output.Length, out int written));
        Write(PathOf(sequence, "manifest.cose"), output[..written]);
        Write(PathOf(sequence, "segment"), content);
        return new Expectation(Tamper.ForkRecord, sequence, new[] { FindingKind.Forked }, $"replaced record {sequence} with a fork signed by the device");
    }

    private void DeleteAll(long sequence)
    {
        foreach (string extension in ReadAll(sequence).Keys)
        {
            Write(PathOf(sequence, extension), null);
        }
    }

    private Dictionary<string, byte[]?> ReadAll(long sequence)
    {
        var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (string extension in new[] { "manifest.cose", "segment", "receipt.cose" })
        {
            string path = PathOf(sequence, extension);
            files[extension] = File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        return files;
    }

    private void Write(string path, byte[]? bytes)
    {
        if (!_saved.ContainsKey(path))
        {
            _saved[path] = File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        if (bytes is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    private long Pick(long[] candidates) => candidates[_random.Next(candidates.Length)];

    private string PathOf(long sequence, string extension) => _fixture.Store.PathOf(_fixture.Device.DeviceId, sequence, extension);
}

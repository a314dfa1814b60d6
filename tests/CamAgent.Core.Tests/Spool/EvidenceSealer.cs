using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Core.Spool;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// The real evidence sealer (COSE_Sign1/ES256 over the CBOR manifest, chunked HMAC content
/// digest) driven the way the agent loop drives it with the spool: the chain state comes from
/// the spool, its next sequence is set to the number the spool reserved, and the encoded chain
/// state after the record goes back to the spool with the record.
/// </summary>
public sealed class EvidenceSealer : IScenarioSealer, IDisposable
{
    private const int ChunkSizeBytes = 64;

    private readonly TestPki _pki = new();
    private readonly TestDevice _device;

    public EvidenceSealer()
    {
        _device = new TestDevice(_pki, chunkSizeBytes: ChunkSizeBytes);
    }

    public byte[] GenesisLink => new byte[32];

    public byte[] SealSegment(long sequence, byte[] chainState, byte[] content, bool truncated, int boot, out byte[] chainStateAfter)
    {
        ChainState chain = Restore(chainState, sequence);
        Manifest record = _device.NewRecord(10_000);
        record.Truncated = truncated;
        record.BootCount = boot;
        byte[] output = new byte[_device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, _device.Sealer.SealSegment(new MemoryStream(content), record, chain, output, 0, output.Length, out int written));
        chainStateAfter = Encode(chain);
        return output[..written];
    }

    public byte[] SealContinuity(long sequence, byte[] chainState, int boot, RecoveryReport? recovery, out byte[] chainStateAfter)
    {
        Manifest record = _device.NewRecord(0);
        record.BootCount = boot;
        ChainState chain;
        if (recovery is null)
        {
            chain = Restore(chainState, sequence);
            record.Event = ContinuityEvent.PowerLossRecovery;
        }
        else
        {
            chain = Decode(chainState);
            RecoveryRecord.Prepare(recovery, sequence, chain, record);
        }

        byte[] output = new byte[_device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, _device.Sealer.SealContinuity(record, chain, output, 0, output.Length, out int written));
        chainStateAfter = Encode(chain);
        return output[..written];
    }

    public RecordView Parse(byte[] record)
    {
        var message = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, message.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(message.Buffer, message.PayloadOffset, message.PayloadLength, new CborReader(), manifest, out _));
        return new RecordView(manifest.Sequence, manifest.ContentLength, manifest.Truncated, manifest.ContentDigestBytes.ToArray(), manifest.PreviousRecordDigest.ToArray(),
            manifest.Event == ContinuityEvent.PowerLossRecovery ? manifest.EventDetail : 0);
    }

    public byte[] DigestOf(byte[] content)
    {
        var digest = new ContentDigest(new HostHmacSha256Factory(), ChunkSizeBytes);
        digest.Append(content, 0, content.Length);
        byte[] result = new byte[ContentDigest.DigestSizeBytes];
        digest.Finish(result, 0);
        return result;
    }

    public void Dispose()
    {
        _device.Dispose();
        _pki.Dispose();
    }

    private static ChainState Restore(byte[] chainState, long sequence)
    {
        ChainState chain = Decode(chainState);
        chain.Set(sequence, chain.PreviousRecordDigest, 0);
        return chain;
    }

    private static ChainState Decode(byte[] chainState)
    {
        var chain = new ChainState();
        if (chainState.Length > 0)
        {
            Assert.Equal(EvidenceStatus.Ok, chain.Decode(chainState, 0, chainState.Length, new CborReader()));
        }

        return chain;
    }

    private static byte[] Encode(ChainState chain)
    {
        byte[] buffer = new byte[ChainState.EncodedMaxBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.Ok, chain.Encode(writer));
        return buffer[..writer.Length];
    }
}

using System.Security.Cryptography;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Spool;

/// <summary>A real spool on a simulated card, a real device key: a cut commit, a reboot, the declaring record.</summary>
public sealed class RecoveryRecordTests : IDisposable
{
    private const string SpoolDirectory = "SPOOL";
    private const string SegmentDirectory = "REC";

    private readonly TestPki _pki = new();
    private readonly TestDevice _device;
    private readonly SimulatedFatStore _store = new(7);

    public RecoveryRecordTests()
    {
        _device = new TestDevice(_pki);
    }

    public void Dispose()
    {
        _device.Dispose();
        _pki.Dispose();
    }

    private (CamAgent.Core.Spool.Spool Spool, RecoveryReport Report) Boot()
    {
        var spool = new CamAgent.Core.Spool.Spool(_store, SpoolDirectory, SegmentDirectory);
        var report = new RecoveryReport();
        Assert.Equal(SpoolStatus.Ok, spool.Recover(report));
        return (spool, report);
    }

    private static ChainState CommittedChain(CamAgent.Core.Spool.Spool spool)
    {
        var chain = new ChainState();
        byte[] buffer = new byte[SpoolConstants.MaxChainStateBytes];
        int length = spool.CopyChainState(buffer, 0);
        if (length > 0)
        {
            Assert.Equal(EvidenceStatus.Ok, chain.Decode(buffer, 0, length, new CborReader()));
        }

        return chain;
    }

    private byte[] Seal(Manifest record, ChainState chain)
    {
        byte[] output = new byte[_device.Sealer.MaxRecordBytes];
        Assert.Equal(SealStatus.Ok, _device.Sealer.SealContinuity(record, chain, output, 0, output.Length, out int written));
        return output[..written];
    }

    private static SpoolStatus Commit(CamAgent.Core.Spool.Spool spool, long sequence, byte[] record, ChainState after)
    {
        byte[] state = new byte[ChainState.EncodedMaxBytes];
        var writer = new CborWriter(state, 0, state.Length);
        Assert.Equal(EvidenceStatus.Ok, after.Encode(writer));
        return spool.CommitSealed(sequence, null!, 0, record, 0, record.Length, state, 0, writer.Length);
    }

    private static Manifest Decode(byte[] record)
    {
        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(record, 0, record.Length));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(record, view.PayloadOffset, view.PayloadLength, new CborReader(), manifest, out _));
        return manifest;
    }

    // Seals and commits a recording start, then cuts the commit of the next record after the journal marked its number used.
    private byte[] CommitOneThenCutTheNext()
    {
        var (spool, _) = Boot();
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long first));
        ChainState chain = CommittedChain(spool);
        Manifest start = _device.NewRecord(0);
        start.Event = ContinuityEvent.RecordingStart;
        byte[] committed = Seal(start, chain);
        Assert.Equal(SpoolStatus.Ok, Commit(spool, first, committed, chain));

        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long cut));
        Manifest stop = _device.NewRecord(0);
        stop.Event = ContinuityEvent.RecordingStop;
        byte[] lost = Seal(stop, chain);
        _store.FailWritesToPathsEndingWith = ".MAT";
        Assert.Equal(SpoolStatus.IoError, Commit(spool, cut, lost, chain));
        _store.FailWritesToPathsEndingWith = null;
        return committed;
    }

    [Fact]
    public void The_Record_After_A_Cut_Commit_Declares_The_Skipped_Number_And_Links_To_The_Last_Committed_Record()
    {
        byte[] lastCommitted = CommitOneThenCutTheNext();

        var (spool, report) = Boot();
        Assert.Equal(1, report.SkippedFromSequence);
        Assert.Equal(1, report.SkippedCount);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        ChainState chain = CommittedChain(spool);
        Manifest record = _device.NewRecord(0);
        RecoveryRecord.Prepare(report, sequence, chain, record);
        byte[] sealedRecord = Seal(record, chain);
        Assert.Equal(SpoolStatus.Ok, Commit(spool, sequence, sealedRecord, chain));

        Manifest decoded = Decode(sealedRecord);
        Assert.Equal(CamAgent.Core.Evidence.RecordKind.Continuity, decoded.Kind);
        Assert.Equal(ContinuityEvent.PowerLossRecovery, decoded.Event);
        Assert.Equal(2, decoded.Sequence);
        Assert.Equal(1, decoded.EventDetail);
        Assert.Equal(1, decoded.SkippedFromSequence);
        Assert.Equal(SHA256.HashData(lastCommitted), decoded.PreviousRecordDigest);
        Assert.Equal(3, chain.NextSequence);
    }

    [Fact]
    public void A_Clean_Restart_Gives_A_Recovery_Record_Declaring_Nothing()
    {
        var (spool, report) = Boot();
        Assert.Equal(0, report.SkippedCount);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        ChainState chain = CommittedChain(spool);
        Manifest record = _device.NewRecord(0);
        RecoveryRecord.Prepare(report, sequence, chain, record);

        Manifest decoded = Decode(Seal(record, chain));
        Assert.Equal(ContinuityEvent.PowerLossRecovery, decoded.Event);
        Assert.Equal(0, decoded.Sequence);
        Assert.Equal(0, decoded.EventDetail);
        Assert.Equal(new byte[32], decoded.PreviousRecordDigest);
    }

    [Fact]
    public void A_Reservation_Or_Chain_State_That_Does_Not_Follow_The_Report_Is_Refused_And_Nothing_Changes()
    {
        CommitOneThenCutTheNext();
        var (spool, report) = Boot();
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        ChainState chain = CommittedChain(spool);
        Manifest record = _device.NewRecord(0);

        Assert.Throws<InvalidOperationException>(() => RecoveryRecord.Prepare(report, sequence + 1, chain, record));
        var stale = new ChainState();
        Assert.Throws<InvalidOperationException>(() => RecoveryRecord.Prepare(report, sequence, stale, record));
        Assert.Equal(1, chain.NextSequence);
        Assert.Equal(ContinuityEvent.None, record.Event);
        Assert.Equal(0, spool.ChainHeadSequence);
    }
}

using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

public class SpoolTests
{
    private const string SpoolDirectory = "SPOOL";
    private const string SegmentDirectory = "REC";

    private static readonly byte[] Manifest = [0xD2, 0x84, 1, 2, 3];
    private static readonly byte[] Chain = [9, 9, 9];
    private static readonly byte[] Receipt = [0xD2, 0x84, 7];

    private static (SimulatedFatStore Store, CamAgent.Core.Spool.Spool Spool, RecoveryReport Report) Boot(SimulatedFatStore? store = null)
    {
        store ??= new SimulatedFatStore(5);
        var spool = new CamAgent.Core.Spool.Spool(store, SpoolDirectory, SegmentDirectory);
        var report = new RecoveryReport();
        Assert.Equal(SpoolStatus.Ok, spool.Recover(report));
        return (store, spool, report);
    }

    private static SegmentFile Record(SimulatedFatStore store, long recorderSequence, int length)
    {
        store.CreateDirectory(SegmentDirectory);
        store.Seed($"{SegmentDirectory}/{recorderSequence:D8}.SEG", new byte[length]);
        var file = new SegmentFile();
        new SegmentSource(store, SegmentDirectory).FindNext(recorderSequence - 1, file, out bool found);
        Assert.True(found);
        return file;
    }

    private static long Seal(CamAgent.Core.Spool.Spool spool, SegmentFile? segment)
    {
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(sequence, segment!, segment?.LengthBytes ?? 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        return sequence;
    }

    [Fact]
    public void Sequences_Start_At_Zero_And_A_Reservation_Is_Returned_Again_Until_Committed()
    {
        var (_, spool, report) = Boot();
        Assert.False(report.StateFound);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long first));
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long again));
        Assert.Equal(0, first);
        Assert.Equal(first, again);
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(first, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long second));
        Assert.Equal(first + 1, second);
    }

    [Fact]
    public void A_Reservation_Whose_Commit_Never_Began_Is_Handed_Out_Again_After_A_Reboot_Without_A_Gap()
    {
        var (store, spool, _) = Boot();
        Seal(spool, null);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long reserved));

        var (_, rebooted, report) = Boot(store);
        Assert.Equal(0, report.SkippedCount);
        Assert.Equal(SpoolStatus.Ok, rebooted.ReserveSequence(out long next));
        Assert.Equal(reserved, next);
    }

    [Fact]
    public void A_Sequence_Whose_Commit_Began_Is_Never_Handed_Out_Again_And_The_Gap_Is_Reported()
    {
        var (store, spool, _) = Boot();
        Seal(spool, null);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long burned));

        // The journal marks the number used, then writing the record fails.
        store.FailWritesToPathsEndingWith = ".MAT";
        Assert.Equal(SpoolStatus.IoError, spool.CommitSealed(burned, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        store.FailWritesToPathsEndingWith = null;
        Assert.Throws<InvalidOperationException>(() => spool.CommitSealed(burned, null!, 0, Chain, 0, Chain.Length, Chain, 0, Chain.Length));

        var (_, rebooted, report) = Boot(store);
        Assert.Equal(burned, report.SkippedFromSequence);
        Assert.Equal(1, report.SkippedCount);
        Assert.Equal(SpoolStatus.Ok, rebooted.ReserveSequence(out long next));
        Assert.Equal(burned + 1, next);
    }

    [Fact]
    public void A_Failed_Commit_Can_Be_Retried_With_The_Same_Record_In_The_Same_Boot()
    {
        var (store, spool, _) = Boot();
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        store.FailWritesToPathsEndingWith = ".MAT";
        Assert.Equal(SpoolStatus.IoError, spool.CommitSealed(sequence, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        store.FailWritesToPathsEndingWith = null;
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(sequence, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        Assert.Equal(sequence, spool.ChainHeadSequence);
    }

    [Fact]
    public void Chain_State_And_Manifest_Survive_A_Reboot()
    {
        var (store, spool, _) = Boot();
        long sequence = Seal(spool, Record(store, 1, 40));

        var (_, rebooted, report) = Boot(store);
        Assert.True(report.StateFound);
        Assert.Equal(1, report.LiveRecords);
        Assert.Equal(sequence, rebooted.ChainHeadSequence);
        byte[] chain = new byte[SpoolConstants.MaxChainStateBytes];
        Assert.Equal(Chain, chain[..rebooted.CopyChainState(chain, 0)]);
        byte[] manifest = new byte[SpoolConstants.MaxManifestBytes];
        Assert.Equal(SpoolStatus.Ok, rebooted.ReadManifest(sequence, manifest, 0, out int length));
        Assert.Equal(Manifest, manifest[..length]);
        var entry = new SpoolEntry();
        Assert.True(rebooted.GetOldest(entry));
        Assert.Equal(RecordState.Sealed, entry.State);
        Assert.Equal(40, entry.ContentLengthBytes);
        Assert.Equal(1, rebooted.HighestSealedRecorderSequence);
    }

    [Fact]
    public void Delete_Is_Refused_Without_A_Receipt_And_Nothing_Is_Removed()
    {
        var (store, spool, _) = Boot();
        long sequence = Seal(spool, Record(store, 1, 40));
        Assert.Equal(SpoolStatus.Ok, spool.RecordUploadProgress(sequence, 16));

        Assert.Equal(SpoolStatus.WrongState, spool.DeleteReceipted(sequence));
        Assert.NotNull(store.Peek("REC/00000001.SEG"));
        Assert.NotNull(store.Peek("SPOOL/00000000.MAN"));
        Assert.Equal(SpoolStatus.WrongState, spool.ReadReceipt(sequence, new byte[SpoolConstants.MaxReceiptBytes], 0, out _));

        Assert.Equal(SpoolStatus.Ok, spool.CommitReceipt(sequence, Receipt, 0, Receipt.Length));
        Assert.Equal(SpoolStatus.Ok, spool.DeleteReceipted(sequence));
        Assert.Null(store.Peek("REC/00000001.SEG"));
        Assert.Null(store.Peek("SPOOL/00000000.MAN"));
        Assert.Null(store.Peek("SPOOL/00000000.RCP"));
        Assert.Equal(0, spool.LiveCount);
    }

    [Fact]
    public void Upload_Progress_Survives_A_Reboot_As_An_Advisory_Offset()
    {
        var (store, spool, _) = Boot();
        long sequence = Seal(spool, Record(store, 1, 40));
        Assert.Equal(SpoolStatus.Ok, spool.RecordUploadProgress(sequence, 32));

        var (_, rebooted, _) = Boot(store);
        var entry = new SpoolEntry();
        Assert.True(rebooted.Find(sequence, entry));
        Assert.Equal(RecordState.Uploading, entry.State);
        Assert.Equal(32, entry.UploadOffsetBytes);
    }

    [Fact]
    public void Unknown_Sequences_And_Misuse_Are_Reported()
    {
        var (_, spool, _) = Boot();
        Assert.Equal(SpoolStatus.UnknownSequence, spool.CommitReceipt(77, Receipt, 0, Receipt.Length));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.DeleteReceipted(77));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.RecordUploadProgress(77, 0));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.OpenContent(77, out _));
        Assert.Throws<InvalidOperationException>(() => spool.CommitSealed(5, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        Assert.Throws<InvalidOperationException>(() => new CamAgent.Core.Spool.Spool(new SimulatedFatStore(1), SpoolDirectory, SegmentDirectory).ReserveSequence(out _));
        long continuity = Seal(spool, null);
        Assert.Equal(SpoolStatus.WrongState, spool.OpenContent(continuity, out _));
    }

    [Fact]
    public void The_Queue_Refuses_New_Records_When_Full_And_Accepts_Again_After_A_Deletion()
    {
        var (_, spool, _) = Boot();
        long first = 0;
        for (int i = 0; i < SpoolConstants.MaxLiveRecords; i++)
        {
            long sequence = Seal(spool, null);
            first = i == 0 ? sequence : first;
        }

        Assert.Equal(SpoolStatus.QueueFull, spool.ReserveSequence(out _));
        Assert.Equal(SpoolStatus.Ok, spool.CommitReceipt(first, Receipt, 0, Receipt.Length));
        Assert.Equal(SpoolStatus.Ok, spool.DeleteReceipted(first));
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out _));
    }

    [Fact]
    public void Content_Removed_Behind_The_Spools_Back_Is_Reported_Not_Hidden()
    {
        var (store, spool, _) = Boot();
        long sequence = Seal(spool, Record(store, 1, 40));
        store.Delete("REC/00000001.SEG");

        var (_, rebooted, report) = Boot(store);
        Assert.Equal(1, report.ContentMissing);
        var entry = new SpoolEntry();
        Assert.True(rebooted.Find(sequence, entry));
        Assert.Equal(RecordState.ContentMissing, entry.State);
        Assert.Equal(SpoolStatus.ContentMissing, rebooted.OpenContent(sequence, out _));
        Assert.Equal(SpoolStatus.WrongState, rebooted.DeleteReceipted(sequence));
    }

    [Fact]
    public void A_Corrupt_Manifest_File_Is_Reported_And_Its_Sequence_Is_Never_Reused()
    {
        var (store, spool, _) = Boot();
        long sequence = Seal(spool, Record(store, 1, 40));
        byte[] file = store.Peek("SPOOL/00000000.MAN")!;
        file[20] ^= 0xFF;
        store.Seed("SPOOL/00000000.MAN", file);

        var (_, rebooted, report) = Boot(store);
        Assert.Equal(1, report.CorruptFiles);
        Assert.Equal(SpoolStatus.Ok, rebooted.ReserveSequence(out long next));
        Assert.True(next > sequence);
        Assert.NotNull(store.Peek("SPOOL/00000000.MAN"));
    }

    [Fact]
    public void Buffers_Are_A_Few_KiB_And_Allocated_Up_Front()
    {
        var spool = new CamAgent.Core.Spool.Spool(new SimulatedFatStore(1), SpoolDirectory, SegmentDirectory);
        // docs/agent-storage.md, "Memory": record frame + live table + journal frame + state + chain state.
        Assert.Equal(2800 + 2944 + 126 + 110 + 64, spool.BufferBytes);
        Assert.True(spool.BufferBytes < 6 * 1024);
    }
}

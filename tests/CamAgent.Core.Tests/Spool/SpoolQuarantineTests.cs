using CamAgent.Core.Segments;
using CamAgent.Core.Spool;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Spool;

/// <summary>Spool.Quarantine: a refused record leaves the upload queue for good and nothing of it leaves the card (docs/agent-storage.md §8).</summary>
public class SpoolQuarantineTests
{
    private const string SpoolDirectory = "SPOOL";
    private const string SegmentDirectory = "REC";

    private static readonly byte[] Manifest = [0xD2, 0x84, 1, 2, 3];
    private static readonly byte[] Chain = [9, 9, 9];
    private static readonly byte[] Receipt = [0xD2, 0x84, 7];

    private static CamAgent.Core.Spool.Spool Boot(SimulatedFatStore store, out RecoveryReport report)
    {
        var spool = new CamAgent.Core.Spool.Spool(store, SpoolDirectory, SegmentDirectory);
        report = new RecoveryReport();
        Assert.Equal(SpoolStatus.Ok, spool.Recover(report));
        return spool;
    }

    private static long SealSegment(SimulatedFatStore store, CamAgent.Core.Spool.Spool spool, long recorderSequence)
    {
        store.Seed($"{SegmentDirectory}/{recorderSequence:D8}.SEG", new byte[10 + recorderSequence]);
        var file = new SegmentFile();
        Assert.Equal(CamAgent.Core.Platform.StoreStatus.Ok, new SegmentSource(store, SegmentDirectory).FindNext(recorderSequence - 1, file, out bool found));
        Assert.True(found);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(sequence, file, file.LengthBytes, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        return sequence;
    }

    [Fact]
    public void A_Quarantined_Record_Leaves_The_Queue_And_Keeps_Its_Record_File_And_Content()
    {
        var store = new SimulatedFatStore(1);
        var spool = Boot(store, out _);
        long refused = SealSegment(store, spool, 1);
        long next = SealSegment(store, spool, 2);
        Assert.Equal(SpoolStatus.Ok, spool.Quarantine(refused));

        var entry = new SpoolEntry();
        Assert.True(spool.GetOldest(entry));
        Assert.Equal(next, entry.Sequence);
        Assert.Equal(1, spool.QuarantinedCount);
        Assert.Equal(1, spool.LiveCount);
        Assert.NotNull(store.Peek($"{SpoolDirectory}/{CamAgent.Core.Spool.Spool.QuarantineFileName(refused)}"));
        Assert.Null(store.Peek($"{SpoolDirectory}/00000000.MAN"));
        Assert.NotNull(store.Peek($"{SegmentDirectory}/00000001.SEG"));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.DeleteReceipted(refused));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.Quarantine(refused));
    }

    [Fact]
    public void Recovery_Keeps_A_Quarantined_Record_Out_Of_The_Queue_Its_Number_Used_And_Its_Segment_Sealed()
    {
        var store = new SimulatedFatStore(2);
        var spool = Boot(store, out _);
        long refused = SealSegment(store, spool, 1);
        long declaration = refused + 1;
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long reserved));
        Assert.Equal(declaration, reserved);
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(reserved, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));
        Assert.Equal(SpoolStatus.Ok, spool.Quarantine(refused));

        // The journal still names the refused record's segment as the newest sealed: recovery must find it in the .QRN.
        spool = Boot(store, out RecoveryReport report);
        Assert.Equal(1, report.Quarantined);
        Assert.Equal(1, spool.QuarantinedCount);
        Assert.Equal(1, report.LiveRecords);
        Assert.Equal(1, spool.HighestSealedRecorderSequence);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long after));
        Assert.Equal(declaration + 1, after);
        Assert.Equal(0, report.SkippedCount);
    }

    [Fact]
    public void Only_A_Record_Waiting_For_Upload_Can_Be_Quarantined()
    {
        var store = new SimulatedFatStore(3);
        var spool = Boot(store, out _);
        long receipted = SealSegment(store, spool, 1);
        Assert.Equal(SpoolStatus.Ok, spool.CommitReceipt(receipted, Receipt, 0, Receipt.Length));
        Assert.Equal(SpoolStatus.WrongState, spool.Quarantine(receipted));
        Assert.Equal(SpoolStatus.UnknownSequence, spool.Quarantine(99));
        Assert.Equal(0, spool.QuarantinedCount);
    }

    [Fact]
    public void A_Cut_During_The_Quarantine_Leaves_The_Record_Either_Waiting_Or_Quarantined_Never_Lost()
    {
        var outcomes = new HashSet<bool>();
        for (int seed = 0; seed < 16; seed++)
        {
            var store = new SimulatedFatStore(seed);
            var spool = Boot(store, out _);
            long refused = SealSegment(store, spool, 1);
            store.CutAtWriteOperation = store.WriteOperations + 1;
            Assert.Throws<PowerLostException>(() => spool.Quarantine(refused));
            store.PowerOn();

            spool = Boot(store, out RecoveryReport report);
            var entry = new SpoolEntry();
            bool waiting = spool.Find(refused, entry);
            Assert.True(waiting ^ report.Quarantined == 1, $"seed {seed}: waiting {waiting}, quarantined {report.Quarantined}");
            Assert.Equal(0, report.CorruptFiles);
            Assert.NotNull(store.Peek($"{SegmentDirectory}/00000001.SEG"));
            outcomes.Add(waiting);
        }

        Assert.Equal(2, outcomes.Count);
    }
}

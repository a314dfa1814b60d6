using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Storage;
using CamAgent.Core.Tests.Storage;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Spool;

/// <summary>How many bytes the spool runs through CRC-32: each frame it writes once (all but its CRC field), nothing twice.</summary>
[Collection(WorkCounting.Name)]
public class SpoolChecksumWorkTests
{
    private static readonly byte[] Manifest = Enumerable.Range(0, 700).Select(i => (byte)i).ToArray();
    private static readonly byte[] Chain = new byte[38];

    [Fact]
    public void A_Commit_Checksums_Its_Journal_Frame_And_Its_Record_Frame_Once_Each()
    {
        var store = new SimulatedFatStore(3);
        var spool = new CamAgent.Core.Spool.Spool(store, "SPOOL", "REC");
        Assert.Equal(SpoolStatus.Ok, spool.Recover(new RecoveryReport()));
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));

        var work = WorkCounting.During(() =>
            Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(sequence, null!, 0, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length)));

        Assert.Equal(Checksummed(NewestJournalBytes(store)) + Checksummed(FileBytes(store, "SPOOL/" + StoreNames.Hex(sequence, "MAN"))), work.Crc32Bytes);
    }

    [Fact]
    public void A_Progress_Save_Checksums_One_Journal_Frame()
    {
        var store = new SimulatedFatStore(4);
        var spool = new CamAgent.Core.Spool.Spool(store, "SPOOL", "REC");
        Assert.Equal(SpoolStatus.Ok, spool.Recover(new RecoveryReport()));
        store.CreateDirectory("REC");
        store.Seed("REC/00000001.SEG", new byte[4096]);
        var segment = new CamAgent.Core.Segments.SegmentFile();
        new CamAgent.Core.Segments.SegmentSource(store, "REC").FindNext(0, segment, out bool found);
        Assert.True(found);
        Assert.Equal(SpoolStatus.Ok, spool.ReserveSequence(out long sequence));
        Assert.Equal(SpoolStatus.Ok, spool.CommitSealed(sequence, segment, segment.LengthBytes, Manifest, 0, Manifest.Length, Chain, 0, Chain.Length));

        var work = WorkCounting.During(() => Assert.Equal(SpoolStatus.Ok, spool.RecordUploadProgress(sequence, 2048)));

        Assert.Equal(Checksummed(NewestJournalBytes(store)), work.Crc32Bytes);
    }

    private static long Checksummed(long frameBytes) => frameBytes - Crc32.SizeBytes;

    private static long NewestJournalBytes(SimulatedFatStore store)
    {
        Assert.Equal(StoreStatus.Ok, store.List("SPOOL/STATE", out string[] names));
        string newest = names.Where(n => n.EndsWith(".JNL", StringComparison.Ordinal)).Max(StringComparer.Ordinal)!;
        return FileBytes(store, "SPOOL/STATE/" + newest);
    }

    private static long FileBytes(SimulatedFatStore store, string path)
    {
        Assert.Equal(StoreStatus.Ok, store.GetLength(path, out long length));
        return length;
    }
}

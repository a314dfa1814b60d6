using CamAgent.Core.Platform;
using CamAgent.Core.Segments;
using CamAgent.Core.Tests.Storage;

namespace CamAgent.Core.Tests.Segments;

public class SegmentSourceTests
{
    private const string Directory = "REC";

    private static SimulatedFatStore StoreWith(params string[] names)
    {
        var store = new SimulatedFatStore(11);
        store.CreateDirectory(Directory);
        foreach (string name in names)
        {
            store.Seed($"{Directory}/{name}", new byte[name.Length]);
        }

        return store;
    }

    private static (bool Found, SegmentFile File) Next(SegmentSource source, long after)
    {
        var file = new SegmentFile();
        Assert.Equal(StoreStatus.Ok, source.FindNext(after, file, out bool found));
        return (found, file);
    }

    [Fact]
    public void Finished_Segments_Come_In_Recorder_Order_After_The_Last_Sealed_One()
    {
        var source = new SegmentSource(StoreWith("00000012.SEG", "00000010.SEG", "00000011.SEG", "README.TXT", "0000001X.SEG"), Directory);

        var (found, file) = Next(source, -1);
        Assert.True(found);
        Assert.Equal(10, file.RecorderSequence);
        Assert.Equal("REC/00000010.SEG", file.Path);
        Assert.Equal(12, file.LengthBytes);
        Assert.False(file.Truncated);

        Assert.Equal(11, Next(source, 10).File.RecorderSequence);
        Assert.Equal(12, Next(source, 11).File.RecorderSequence);
        Assert.False(Next(source, 12).Found);
    }

    [Fact]
    public void The_Segment_Being_Recorded_Is_Not_Handed_Over_And_Blocks_Later_Ones_Never()
    {
        var source = new SegmentSource(StoreWith("00000001.SEG", "00000002.TMP"), Directory);
        Assert.Equal(1, Next(source, -1).File.RecorderSequence);
        Assert.False(Next(source, 1).Found);
    }

    [Fact]
    public void An_Unfinished_File_Followed_By_A_Newer_One_Is_Handed_Over_As_Truncated()
    {
        var source = new SegmentSource(StoreWith("00000002.TMP", "00000003.TMP"), Directory);
        var (found, file) = Next(source, 1);
        Assert.True(found);
        Assert.True(file.Truncated);
        Assert.Equal("REC/00000002.TMP", file.Path);
        Assert.False(Next(source, 2).Found);
    }

    [Fact]
    public void After_A_Recorder_Restart_Every_Unfinished_File_Present_Is_Truncated_But_New_Ones_Are_Not()
    {
        var store = StoreWith("00000005.TMP");
        var source = new SegmentSource(store, Directory);
        Assert.False(Next(source, 4).Found);

        Assert.Equal(StoreStatus.Ok, source.DeclareRecorderRestarted());
        store.Seed($"{Directory}/00000006.TMP", new byte[3]);
        var (found, file) = Next(source, 4);
        Assert.True(found);
        Assert.True(file.Truncated);
        Assert.Equal(5, file.RecorderSequence);
        Assert.False(Next(source, 5).Found);
    }

    [Fact]
    public void A_Finished_File_Wins_Over_A_Leftover_Temporary_File_Of_The_Same_Number()
    {
        var source = new SegmentSource(StoreWith("00000007.TMP", "00000007.SEG"), Directory);
        var (found, file) = Next(source, -1);
        Assert.True(found);
        Assert.False(file.Truncated);
        Assert.Equal("REC/00000007.SEG", file.Path);
    }

    [Fact]
    public void A_Missing_Directory_Means_Nothing_Recorded_Yet_And_Failures_Are_Statuses()
    {
        var store = new SimulatedFatStore(12);
        var source = new SegmentSource(store, Directory);
        Assert.False(Next(source, -1).Found);

        store.CreateDirectory(Directory);
        store.FailAtReadOperation = store.ReadOperations + 1;
        Assert.Equal(StoreStatus.IoError, source.FindNext(-1, new SegmentFile(), out bool found));
        Assert.False(found);
    }
}

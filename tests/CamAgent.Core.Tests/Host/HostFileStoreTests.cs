using CamAgent.Core.Platform;
using CamAgent.Core.Storage;
using CamAgent.Host.Storage;

namespace CamAgent.Core.Tests.Host;

public sealed class HostFileStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("camagent-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Create_Append_Flush_Read_Rename_Delete_Work_On_Real_Files()
    {
        var store = new HostFileStore(_root);
        Assert.Equal(StoreStatus.Ok, store.CreateDirectory("SPOOL"));
        Assert.Equal(StoreStatus.Ok, store.CreateDirectory("SPOOL"));
        Assert.Equal(StoreStatus.Ok, store.CreateFile("SPOOL/A.TMP"));
        Assert.Equal(StoreStatus.AlreadyExists, store.CreateFile("SPOOL/A.TMP"));
        byte[] data = [1, 2, 3, 4, 5];
        Assert.Equal(StoreStatus.Ok, store.Append("SPOOL/A.TMP", data, 1, 3));
        Assert.Equal(StoreStatus.Ok, store.Append("SPOOL/A.TMP", data, 0, 1));
        Assert.Equal(StoreStatus.Ok, store.Flush("SPOOL/A.TMP"));
        Assert.Equal(StoreStatus.Ok, store.Rename("SPOOL/A.TMP", "SPOOL/A.DAT"));

        Assert.Equal(StoreStatus.Ok, store.GetLength("SPOOL/A.DAT", out long length));
        Assert.Equal(4, length);
        byte[] read = new byte[8];
        Assert.Equal(StoreStatus.Ok, store.Read("SPOOL/A.DAT", 1, read, 2, 6, out int count));
        Assert.Equal(3, count);
        Assert.Equal(new byte[] { 3, 4, 1 }, read[2..5]);
        Assert.Equal(new byte[] { 2, 3, 4, 1 }, File.ReadAllBytes(Path.Combine(_root, "SPOOL", "A.DAT")));

        Assert.Equal(StoreStatus.Ok, store.OpenRead("SPOOL/A.DAT", out Stream stream));
        using (stream)
        {
            Assert.Equal(4, stream.Length);
            Assert.Equal(2, stream.ReadByte());
        }

        Assert.Equal(StoreStatus.Ok, store.List("SPOOL", out string[] names));
        Assert.Equal(new[] { "A.DAT" }, names);
        Assert.Equal(StoreStatus.Ok, store.Delete("SPOOL/A.DAT"));
        Assert.Equal(StoreStatus.NotFound, store.Delete("SPOOL/A.DAT"));
        Assert.Equal(StoreStatus.Ok, store.GetFreeSpace(out long free));
        Assert.True(free > 0);
    }

    [Fact]
    public void Missing_Files_And_Directories_Are_NotFound_And_Rename_Never_Overwrites()
    {
        var store = new HostFileStore(_root);
        Assert.Equal(StoreStatus.NotFound, store.GetLength("NOPE.BIN", out _));
        Assert.Equal(StoreStatus.NotFound, store.Append("NOPE.BIN", new byte[1], 0, 1));
        Assert.Equal(StoreStatus.NotFound, store.List("NODIR", out _));
        Assert.Equal(StoreStatus.NotFound, store.CreateFile("NODIR/X.BIN"));
        Assert.Equal(StoreStatus.NotFound, store.OpenRead("NOPE.BIN", out _));

        store.CreateFile("A.BIN");
        store.Append("A.BIN", [1], 0, 1);
        store.CreateFile("B.BIN");
        Assert.Equal(StoreStatus.AlreadyExists, store.Rename("A.BIN", "B.BIN"));
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(Path.Combine(_root, "A.BIN")));
    }

    [Fact]
    public void A_Removed_Volume_Is_DeviceRemoved_And_Paths_Cannot_Escape_The_Root()
    {
        var gone = new HostFileStore(Path.Combine(_root, "unplugged"));
        Assert.Equal(StoreStatus.DeviceRemoved, gone.List("", out _));
        Assert.Equal(StoreStatus.DeviceRemoved, gone.CreateFile("A.BIN"));

        var store = new HostFileStore(_root);
        Assert.Throws<ArgumentException>(() => store.CreateFile("../ESCAPE.BIN"));
        Assert.Throws<ArgumentException>(() => store.CreateFile("/ABS.BIN"));
        Assert.Throws<ArgumentException>(() => store.CreateFile("A//B.BIN"));
    }

    [Fact]
    public void The_State_Journal_Survives_A_Reopen_On_Real_Files()
    {
        var journal = new StateJournal(new HostFileStore(_root), "STATE", 32);
        journal.Load(new byte[32], 0, out _, out bool found);
        Assert.False(found);
        for (byte n = 1; n <= 3; n++)
        {
            Assert.Equal(StoreStatus.Ok, journal.Save([n, n, n], 0, 3));
        }

        var reopened = new StateJournal(new HostFileStore(_root), "STATE", 32);
        byte[] buffer = new byte[32];
        Assert.Equal(StoreStatus.Ok, reopened.Load(buffer, 0, out int length, out found));
        Assert.True(found);
        Assert.Equal(new byte[] { 3, 3, 3 }, buffer[..length]);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root, "STATE")).Length);
    }
}

using CamAgent.Tests.Support;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// A tmpfs of a few MiB mounted for one test, so the store's file system can really be filled.
/// Mounting needs root (CAP_SYS_ADMIN), which ./test.sh and CI have; without it the test fails
/// and says why.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private const int FillBlockBytes = 4096;

    private SmallFileSystem(TempDirectory mountPoint)
    {
        MountPoint = mountPoint;
    }

    public TempDirectory MountPoint { get; }

    public string Root => MountPoint.Path;

    public static SmallFileSystem Mount(int sizeMiB)
    {
        var mountPoint = new TempDirectory();
        ExternalTool.Result mounted = ExternalTool.Run("mount", ["-t", "tmpfs", "-o", $"size={sizeMiB}m,mode=0700", "tmpfs", mountPoint.Path], mountPoint.Path);
        if (mounted.ExitCode != 0)
        {
            mountPoint.Dispose();
            Assert.Fail($"This test needs to mount a {sizeMiB} MiB tmpfs (run it as root, as ./test.sh and CI do): mount exited {mounted.ExitCode}: {mounted.Error.Trim()}");
        }

        return new SmallFileSystem(mountPoint);
    }

    /// <summary>Fills the file system until not one more byte fits, in a file that <see cref="Free"/> removes.</summary>
    public void FillToTheBrim()
    {
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        byte[] block = new byte[FillBlockBytes];
        for (int size = block.Length; size > 0; size /= 2)
        {
            try
            {
                while (true)
                {
                    filler.Write(block, 0, size);
                }
            }
            catch (IOException)
            {
                // Full at this block size: try smaller pieces.
            }
        }
    }

    /// <summary>True when writing a single byte to a new file fails.</summary>
    public bool IsFull()
    {
        string probe = Path.Combine(Root, "probe");
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return false;
        }
        catch (IOException)
        {
            File.Delete(probe);
            return true;
        }
    }

    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        ExternalTool.Result unmounted = ExternalTool.Run("umount", ["-l", Root], Path.GetTempPath());
        Assert.True(unmounted.ExitCode == 0, $"umount {Root}: {unmounted.Error.Trim()}");
        MountPoint.Dispose();
    }

    private string FillerPath => Path.Combine(Root, "filler");
}

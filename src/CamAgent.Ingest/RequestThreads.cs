namespace CamAgent.Ingest;

/// <summary>
/// The thread pool a serving process starts with. The store's file-system calls are synchronous
/// (creating, writing and moving files, and an fsync per step when group commit is off), so a
/// request thread is blocked while the kernel works, and a flush round holds one thread for its
/// whole duration. The pool starts with one thread per processor and adds more only about twice a
/// second when all are blocked: with hundreds of cameras uploading, an ingest server on two cores
/// left a third of the machine idle. A floor of <see cref="Floor"/> threads removes that wait;
/// CPU-bound work is unaffected, since a thread only runs when it has work.
/// </summary>
public static class RequestThreads
{
    /// <summary>The worker threads a serving process keeps ready: four per processor, at least 16.</summary>
    public static int Floor => Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>Raises the process's minimum worker threads to <see cref="Floor"/> (never lowers it); returns the minimum in force.</summary>
    public static int Reserve()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < Floor && ThreadPool.SetMinThreads(Floor, completionPorts))
        {
            workers = Floor;
        }

        return workers;
    }
}

namespace CamAgent.Core.Upload
{
    /// <summary>What the client's next Step does.</summary>
    internal enum TusPhase
    {
        Idle = 0,
        Create = 1,
        Head = 2,
        Patch = 3,
        Finished = 4,
    }
}

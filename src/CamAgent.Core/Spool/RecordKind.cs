namespace CamAgent.Core.Spool
{
    /// <summary>What a spooled record carries. Stored in spool files: never renumber.</summary>
    public enum RecordKind
    {
        /// <summary>A sealed segment: manifest plus the recorder's content file.</summary>
        Segment = 1,

        /// <summary>A continuity record (recording start/stop, recovery, storage full...): manifest only, no content.</summary>
        Continuity = 2,
    }
}

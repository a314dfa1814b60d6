namespace CamAgent.Core.Evidence
{
    /// <summary>What a chain record stands for (docs/evidence-format.md §3). Values are part of the format; never renumber.</summary>
    public enum RecordKind
    {
        /// <summary>A recorded video segment; the record carries its content length and digest.</summary>
        Segment = 1,

        /// <summary>An event that explains a break in continuity; no content (length 0).</summary>
        Continuity = 2,
    }
}

namespace CamAgent.Core.Persistence
{
    /// <summary>Expected outcomes of loading or saving a <see cref="DurableRecord"/>.</summary>
    public enum PersistStatus
    {
        Ok = 0,

        /// <summary>Neither slot holds a valid copy (never saved, or both torn).</summary>
        Missing = 1,

        /// <summary>The storage refused the write for lack of space; the previous copy is intact.</summary>
        StorageFull = 2,

        /// <summary>The storage failed; the previous copy is intact if it was readable.</summary>
        IoError = 3,
    }
}

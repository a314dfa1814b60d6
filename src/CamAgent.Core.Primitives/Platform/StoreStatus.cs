namespace CamAgent.Core.Platform
{
    /// <summary>Expected outcomes of <see cref="IFileStore"/> operations.</summary>
    public enum StoreStatus
    {
        Ok = 0,

        /// <summary>The file or directory does not exist.</summary>
        NotFound = 1,

        /// <summary>The target name is already taken (create or rename).</summary>
        AlreadyExists = 2,

        /// <summary>No space left on the volume; a write may have stored only a prefix of its bytes.</summary>
        StorageFull = 3,

        /// <summary>The medium reported an error (bad sector, file system inconsistency).</summary>
        IoError = 4,

        /// <summary>The volume is not mounted (SD card removed or not readable).</summary>
        DeviceRemoved = 5,
    }
}

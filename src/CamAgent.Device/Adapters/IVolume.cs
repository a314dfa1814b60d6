namespace CamAgent.Device.Adapters
{
    /// <summary>A mounted FAT volume as <see cref="FatFileStore"/> needs it.</summary>
    public interface IVolume
    {
        /// <summary>False when the card is absent, unreadable or was removed.</summary>
        bool IsMounted { get; }

        /// <summary>
        /// Free bytes, estimated so that the estimate is never above the truth (nanoFramework's
        /// DriveInfo reports only the total size).
        /// </summary>
        long EstimateFreeBytes();
    }
}

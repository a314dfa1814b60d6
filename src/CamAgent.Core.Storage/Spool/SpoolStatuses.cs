using CamAgent.Core.Platform;

namespace CamAgent.Core.Spool
{
    /// <summary>Maps store outcomes onto spool outcomes.</summary>
    internal static class SpoolStatuses
    {
        internal static SpoolStatus From(StoreStatus status)
        {
            switch (status)
            {
                case StoreStatus.Ok:
                    return SpoolStatus.Ok;
                case StoreStatus.StorageFull:
                    return SpoolStatus.StorageFull;
                case StoreStatus.DeviceRemoved:
                    return SpoolStatus.DeviceRemoved;
                default:
                    // NotFound or AlreadyExists on a spool-owned name means the medium changed
                    // under the spool: the same remedy as an I/O error (retry, then recover).
                    return SpoolStatus.IoError;
            }
        }

        /// <summary>True for outcomes that mean "the file is already gone", which deletions accept.</summary>
        internal static bool IsGone(StoreStatus status)
        {
            return status == StoreStatus.Ok || status == StoreStatus.NotFound;
        }
    }
}

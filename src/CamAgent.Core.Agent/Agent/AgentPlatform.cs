using CamAgent.Core.Platform;
using CamAgent.Core.Spool;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Everything the agent needs from the platform, handed over once at start-up by the device
    /// program (nanoFramework adapters) or the host simulator. All members are required except the
    /// storage thresholds, which have defaults.
    /// </summary>
    public sealed class AgentPlatform
    {
        /// <summary>The SD card: recorder segments and the spool.</summary>
        public IFileStore Store { get; set; }

        /// <summary>Small durable records: configuration, time floor, boot counter (device: internal flash).</summary>
        public IRecordSlots Slots { get; set; }

        public IWallClock WallClock { get; set; }

        /// <summary>The raw TLS connector; the agent wraps it in its egress gate and never exposes it.</summary>
        public ITlsConnector Connector { get; set; }

        public INetworkLink Link { get; set; }

        public ILogSink Log { get; set; }

        /// <summary>Retry jitter for the upload client.</summary>
        public IRandomSource Random { get; set; }

        public IHmacSha256Factory Hmac { get; set; }

        /// <summary>The signer matching the configuration's device.signer (checked by the configuration validator).</summary>
        public ISigner Signer { get; set; }

        /// <summary>Verifies receipts (signature against the pinned receipt key, fields against the record).</summary>
        public IReceiptChecker ReceiptChecker { get; set; }

        /// <summary>Store directory of the spool (8.3 name).</summary>
        public string SpoolDirectory { get; set; }

        /// <summary>Store directory the recorder writes segments to (8.3 name).</summary>
        public string SegmentDirectory { get; set; }

        /// <summary>
        /// Free bytes below which the storage alarm rises (docs/agent-storage.md §10). Optional: the
        /// default suits SD cards; a smaller medium (a simulated card) names its own.
        /// </summary>
        public long LowFreeBytes { get; set; } = SpoolConstants.DefaultLowFreeBytes;

        /// <summary>Free bytes below which storage is critical; at most <see cref="LowFreeBytes"/>. Optional, like it.</summary>
        public long CriticalFreeBytes { get; set; } = SpoolConstants.DefaultCriticalFreeBytes;

        internal bool IsComplete
        {
            get
            {
                return Store != null && Slots != null && WallClock != null && Connector != null && Link != null && Log != null
                    && Random != null && Hmac != null && Signer != null && ReceiptChecker != null && SpoolDirectory != null && SegmentDirectory != null;
            }
        }
    }
}

namespace CamAgent.Device
{
    /// <summary>Device-wide constants of the application, each with the reason for its value.</summary>
    public static class DeviceConstants
    {
        /// <summary>Where `camagent board flash` deploys the signed device bundle (docs/device-bundle.md).</summary>
        public const string BundlePath = "I:\\camagent\\bundle.cose";

        /// <summary>
        /// Largest bundle read: a configuration is at most 8 KiB (docs/agent.md §3.1), a board
        /// profile about 3 KiB, the certificate and COSE framing under 3 KiB. The CLI writes at
        /// most 64 KiB; the device refuses more than it can hold twice in a heap without PSRAM.
        /// </summary>
        public const int MaxBundleBytes = 16384;

        /// <summary>Durable record holding the pinned bundle-signing key (65 bytes).</summary>
        public const string PinnedKeyRecord = "bundlekey";

        /// <summary>Durable record holding the board profile JSON from the last applied bundle.</summary>
        public const string BoardRecord = "board";

        /// <summary>Largest board profile kept: the schema's quirks field is at most 2000 characters.</summary>
        public const int MaxBoardBytes = 4096;

        /// <summary>Segments from the recorder (docs/agent-storage.md §1).</summary>
        public const string SegmentDirectory = "REC";

        /// <summary>The spool (docs/agent-storage.md §1).</summary>
        public const string SpoolDirectory = "SPOOL";

        /// <summary>
        /// A Wi-Fi join (scan, association, DHCP) takes a few seconds; 30 s covers a slow DHCP
        /// server without holding the boot much longer when the network is simply absent.
        /// </summary>
        public const int WifiJoinTimeoutMs = 30000;

        /// <summary>
        /// Year the system clock is set to at boot, until SNTP sets it (1 January, 00:00 UTC): far
        /// below the build floor (2026), so the agent sees the clock as invalid and the SNTP
        /// update that follows as a step onto a plausible time, which it takes as the sync.
        /// </summary>
        public const int ClockHoldYear = 2000;

        /// <summary>Retry a failed join once a minute: the firmware reconnects by itself once joined.</summary>
        public const int WifiRetryIntervalMs = 60000;

        /// <summary>
        /// How often the network thread checks that SNTP still asks the agency. The firmware restarts SNTP
        /// against the public pool on every new address and its first request waits SNTP_STARTUP_DELAY
        /// (2000 ms, nf-interpreter lwip_sntp_default_options.h); four checks fit in that delay, so a
        /// reset the address event ran ahead of is undone before the pool is asked.
        /// </summary>
        public const int SntpPinCheckIntervalMs = 500;

        /// <summary>
        /// Longest the agent thread sleeps between steps: the LED pattern has 100 ms pulses, so
        /// the thread wakes at least that often to drive it.
        /// </summary>
        public const int MaxStepWaitMs = 100;

        /// <summary>How often the SD card is mounted again after it was found missing.</summary>
        public const int CardRetryIntervalMs = 5000;

        /// <summary>Polling of the LED while nothing can run (no valid configuration).</summary>
        public const int CredentialErrorPollMs = 1000;

        /// <summary>
        /// Scratch array of TransportStream.Read(SpanByte): SpanByte exposes no array, so that
        /// overload reads into this scratch and copies. One TLS record fragment is at most 16 KiB,
        /// but Core reads through the array overload; 512 bytes keeps the rarely used span path
        /// from holding heap the agent needs, and a Stream read may return fewer bytes than asked.
        /// </summary>
        public const int SpanReadScratchBytes = 512;

        /// <summary>The secure element's key slot that holds the device key (ATECC608 slot 0, the Trust&amp;Go device key).</summary>
        public const int SecureElementKeySlot = 0;
    }
}

namespace CamAgent.Core.Time
{
    /// <summary>The numbers of the time model, each with the reason for its value (docs/agent.md, "Time model").</summary>
    public static class TimeConstants
    {
        /// <summary>
        /// The floor compiled into the firmware: 2026-01-01T00:00:00Z in Unix milliseconds. No genuine
        /// recording can predate the firmware that made it, so anything earlier is a reset clock.
        /// </summary>
        public const long BuildFloorUnixMs = 1767225600000;

        /// <summary>
        /// Worst-case crystal drift assumed after a sync, in parts per million. ESP32 crystals are
        /// specified at +/-10..40 ppm; 100 ppm leaves margin for temperature in a car in summer.
        /// </summary>
        public const long DriftPartsPerMillion = 100;

        /// <summary>One million: converts parts per million into a fraction.</summary>
        public const long PartsPerMillion = 1000000;

        /// <summary>
        /// Error of the time SNTP sets, in ms. Unauthenticated SNTP over a mobile or Wi-Fi link with
        /// asymmetric delay can be off by half a round trip; 1 s covers round trips up to 2 s.
        /// </summary>
        public const long SyncAccuracyMs = 1000;

        /// <summary>
        /// Disagreement between wall and monotonic progress that counts as a step, in ms. Below
        /// this the difference is sampling jitter (the loop samples both clocks one after the
        /// other on a busy interpreter) plus drift; SNTP corrections that matter are larger.
        /// </summary>
        public const long StepToleranceMs = 2000;

        /// <summary>
        /// The persisted floor is rewritten only when it would advance by at least this much
        /// (1 hour): flash wear stays negligible and a floor one hour stale is still decades
        /// above a reset clock.
        /// </summary>
        public const long FloorPersistGranularityMs = 3600000;

        /// <summary>
        /// The floor is raised to an authenticated server time minus this margin (1 hour): ordinary
        /// skew between a synced device and the server never invalidates the clock, while a clock
        /// reset to 1970 or set years back is still caught.
        /// </summary>
        public const long AuthenticatedFloorMarginMs = 3600000;

        /// <summary>
        /// How far the clock may be from a verified receipt's server time for that moment to become the
        /// verified time later SNTP steps are judged against (1 minute): a receipt is signed while the
        /// request that returns it is open, and the upload client's I/O timeouts keep that under 30 s;
        /// SNTP's own error is within <see cref="SyncAccuracyMs"/>. A receipt further off is stale (fetched
        /// again after a cut) or contradicts the clock: it anchors nothing. The same margin widens the bound.
        /// </summary>
        public const long ReceiptAgreementMs = 60000;

        /// <summary>DateTime.Ticks of the Unix epoch (1970-01-01T00:00:00Z): wall times are Unix milliseconds throughout Core.</summary>
        public const long UnixEpochTicks = 621355968000000000;

        /// <summary>DateTime ticks (100 ns) per millisecond.</summary>
        public const long TicksPerMs = 10000;

        /// <summary>Sync age reported when no sync has been seen since boot.</summary>
        public const long NeverSynced = -1;

        /// <summary>Uncertainty reported when no bound can be proven (clock invalid or never synced this boot).</summary>
        public const long UnknownUncertainty = -1;
    }
}

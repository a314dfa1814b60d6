namespace CamAgent.Ingest;

/// <summary>
/// Resource limits of the server. Defaults are sized for body cameras on Wi-Fi or LTE uploading
/// segments of a few minutes of video; every value can be overridden in the configuration file.
/// </summary>
public sealed class IngestLimits
{
    /// <summary>Largest accepted Upload-Length: 4 GiB covers a 30-minute 1080p segment with margin.</summary>
    public long MaxSegmentBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Unfinished uploads one device may hold; the device uploads in order, so a handful suffices.</summary>
    public int MaxOpenUploadsPerDevice { get; set; } = 8;

    /// <summary>Largest PATCH body: 1 MiB, 64 times the device's 16 KiB chunk.</summary>
    public long MaxPatchBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Total request header bytes: room for a manifest of a few KiB in Upload-Metadata.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>Request headers; a tus request needs fewer than ten.</summary>
    public int MaxRequestHeaderCount { get; set; } = 32;

    /// <summary>Slowest body rate tolerated (bytes per second) before the connection is dropped.</summary>
    public double MinBodyBytesPerSecond { get; set; } = 1024;

    /// <summary>Grace period (seconds) before the minimum body rate is enforced; Kestrel needs more than 1.</summary>
    public int MinBodyRateGraceSeconds { get; set; } = 10;

    /// <summary>Time allowed to send the request headers (seconds).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>Idle keep-alive connections are closed after this (seconds).</summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 120;

    /// <summary>Simultaneous authenticated connections, all devices together.</summary>
    public int MaxConnections { get; set; } = 2000;

    /// <summary>
    /// Connections accepted whose TLS handshake has not accepted a device yet, all sources together;
    /// beyond it a new connection closes the oldest pending one of the busiest source. 1,024 lets
    /// about 50 handshakes a second start over the 20-second handshake timeout.
    /// </summary>
    public int MaxPendingHandshakes { get; set; } = 1024;

    /// <summary>Pending connections one source (IPv4 address or IPv6 /64) may hold: room for a station's cameras behind one NAT address docking at once.</summary>
    public int MaxPendingHandshakesPerAddress { get; set; } = 32;

    /// <summary>Refused handshakes of one source per refusal window after which its connections are closed unread until the window ends; a camera retries a refused handshake a few times an hour.</summary>
    public int MaxRefusedHandshakesPerAddress { get; set; } = 120;

    /// <summary>Length (seconds) of the window over which refused handshakes are counted and written as one audit line per source.</summary>
    public int RefusalWindowSeconds { get; set; } = 60;

    /// <summary>Sources named one by one in the audit log per refusal window; all others share one overflow line.</summary>
    public int MaxRefusalAddressesPerWindow { get; set; } = 16;

    /// <summary>Requests that store data (POST, PATCH) are refused with 503 storage-unavailable while the store's file system has less free space (bytes): room for PATCHes in flight and for the file system itself.</summary>
    public long MinFreeStoreBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Space (bytes) kept allocated past the end of the audit log, so decisions are still recorded on a full disk: about 3,000 lines.</summary>
    public long AuditReserveBytes { get; set; } = 1024 * 1024;

    /// <summary>An unfinished upload untouched this long expires (tus expiration): one week of hours, so a camera off duty can resume.</summary>
    public int UploadExpiryHours { get; set; } = 7 * 24;

    /// <summary>When an unfinished upload last active at <paramref name="lastActivityUtc"/> expires (tus Upload-Expires).</summary>
    public DateTime ExpiresUtc(DateTime lastActivityUtc) => lastActivityUtc.AddHours(UploadExpiryHours);

    /// <summary>True when an unfinished upload last active at <paramref name="lastActivityUtc"/> has expired by <paramref name="nowUtc"/>.</summary>
    public bool IsExpired(DateTime lastActivityUtc, DateTime nowUtc) => nowUtc > ExpiresUtc(lastActivityUtc);

    /// <summary>Unfinished uploads last active before this have expired by <paramref name="nowUtc"/>.</summary>
    public DateTime ExpiryCutoff(DateTime nowUtc) => nowUtc.AddHours(-UploadExpiryHours);

    /// <summary>How often the server removes expired uploads no camera asks for again (and audits them).</summary>
    public int ExpirySweepMinutes { get; set; } = 60;

    /// <summary>
    /// Filesystem store: concurrent PATCHes share one flush of the store's file system (syncfs,
    /// Linux) instead of one fsync each, and concurrent decisions share the audit log's fsyncs; a
    /// PATCH is still acknowledged only once its bytes are durable, and a decision only once its
    /// audit line is. False: one fsync per PATCH and per audit line (docs/ingest-server.md §5).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Retry-After (seconds) sent with 423, 429 and 503.</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Throws when a value is out of range; used when loading configuration.</summary>
    public void Validate()
    {
        Require(MaxSegmentBytes > 0, nameof(MaxSegmentBytes));
        Require(MaxOpenUploadsPerDevice > 0, nameof(MaxOpenUploadsPerDevice));
        Require(MaxPatchBodyBytes > 0, nameof(MaxPatchBodyBytes));
        Require(MaxRequestHeaderBytes >= 4096, nameof(MaxRequestHeaderBytes));
        Require(MaxRequestHeaderCount >= 8, nameof(MaxRequestHeaderCount));
        Require(MinBodyBytesPerSecond > 0, nameof(MinBodyBytesPerSecond));
        Require(MinBodyRateGraceSeconds > 1, nameof(MinBodyRateGraceSeconds));
        Require(RequestHeadersTimeoutSeconds > 0, nameof(RequestHeadersTimeoutSeconds));
        Require(KeepAliveTimeoutSeconds > 0, nameof(KeepAliveTimeoutSeconds));
        Require(MaxConnections > 0, nameof(MaxConnections));
        Require(MaxPendingHandshakes > 0, nameof(MaxPendingHandshakes));
        Require(MaxPendingHandshakesPerAddress > 0, nameof(MaxPendingHandshakesPerAddress));
        Require(MaxRefusedHandshakesPerAddress > 0, nameof(MaxRefusedHandshakesPerAddress));
        Require(RefusalWindowSeconds > 0, nameof(RefusalWindowSeconds));
        Require(MaxRefusalAddressesPerWindow > 0, nameof(MaxRefusalAddressesPerWindow));
        Require(MinFreeStoreBytes >= 0, nameof(MinFreeStoreBytes));
        Require(AuditReserveBytes >= 0, nameof(AuditReserveBytes));
        Require(UploadExpiryHours > 0, nameof(UploadExpiryHours));
        Require(ExpirySweepMinutes > 0, nameof(ExpirySweepMinutes));
        Require(RetryAfterSeconds > 0, nameof(RetryAfterSeconds));
    }

    private static void Require(bool condition, string name)
    {
        if (!condition)
        {
            throw new IngestConfigurationException($"limits.{name} is out of range.");
        }
    }
}

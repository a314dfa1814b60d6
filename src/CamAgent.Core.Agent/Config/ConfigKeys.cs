namespace CamAgent.Core.Config
{
    /// <summary>
    /// The keys of configuration format version 1 (docs/agent.md, "Configuration format") and
    /// their index in <see cref="All"/>. There is deliberately no key for a port, a scheme or a
    /// URL: the device always dials the agency host on 443 over TLS.
    /// </summary>
    public static class ConfigKeys
    {
        public const string Version = "config.version";
        public const string Serial = "config.serial";
        public const string DeviceId = "device.id";
        public const string AgencyHost = "agency.host";
        public const string AgencyCa = "agency.ca";
        public const string DeviceCertificate = "device.certificate";
        public const string DeviceSigner = "device.signer";
        public const string DeviceKey = "device.key";
        public const string ReceiptKey = "receipt.key";
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPassword = "wifi.password";
        public const string ChunkSize = "upload.chunk_size_bytes";
        public const string ConnectTimeout = "upload.connect_timeout_ms";
        public const string MaxBackoff = "upload.max_backoff_ms";

        /// <summary>
        /// Optional IPv4 address of the agency host: dialled (TCP 443) and asked for time (UDP 123)
        /// instead of resolving agency.host, so the camera sends no DNS at all. TLS still checks the
        /// server certificate against agency.host. Not a way to choose another destination: the
        /// certificate pins the name, and the agency's gateway policy pins the address.
        /// </summary>
        public const string AgencyAddress = "agency.address";

        public const int VersionIndex = 0;
        public const int SerialIndex = 1;
        public const int DeviceIdIndex = 2;
        public const int AgencyHostIndex = 3;
        public const int AgencyCaIndex = 4;
        public const int DeviceCertificateIndex = 5;
        public const int DeviceSignerIndex = 6;
        public const int DeviceKeyIndex = 7;
        public const int ReceiptKeyIndex = 8;
        public const int WifiSsidIndex = 9;
        public const int WifiPasswordIndex = 10;
        public const int ChunkSizeIndex = 11;
        public const int ConnectTimeoutIndex = 12;
        public const int MaxBackoffIndex = 13;
        public const int AgencyAddressIndex = 14;

        /// <summary>Every key, in index order.</summary>
        public static readonly string[] All = new string[]
        {
            Version, Serial, DeviceId, AgencyHost, AgencyCa, DeviceCertificate, DeviceSigner,
            DeviceKey, ReceiptKey, WifiSsid, WifiPassword, ChunkSize, ConnectTimeout, MaxBackoff,
            AgencyAddress,
        };

        /// <summary>Keys that must be present (device.key is required only with the software signer).</summary>
        public static readonly bool[] Required = new bool[]
        {
            true, true, true, true, true, true, true,
            false, true, true, false, false, false, false,
            false,
        };

        /// <summary>Keys whose values are secret: never echoed in messages or logs.</summary>
        public static readonly bool[] Secret = new bool[]
        {
            false, false, false, false, false, false, false,
            true, false, false, true, false, false, false,
            false,
        };

        /// <summary>Index of <paramref name="key"/> in <see cref="All"/>, or -1.</summary>
        public static int IndexOf(string key)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}

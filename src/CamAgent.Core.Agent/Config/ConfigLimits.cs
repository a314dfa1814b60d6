using CamAgent.Core.Evidence;

namespace CamAgent.Core.Config
{
    /// <summary>Bounds of configuration values, each with the reason for it.</summary>
    public static class ConfigLimits
    {
        /// <summary>The only configuration format this firmware reads.</summary>
        public const string FormatVersion = "1";

        /// <summary>
        /// Whole file, bytes. Two certificates of at most <see cref="MaxCertificateDerBytes"/> in
        /// base64 plus the short fields fit; the cap bounds the parse on a ~79 KB heap.
        /// </summary>
        public const int MaxConfigBytes = 8192;

        /// <summary>One line, bytes: a maximal certificate in base64 plus its key.</summary>
        public const int MaxLineBytes = 2800;

        /// <summary>
        /// DER certificate, bytes. P-256 certificates with the agency's extensions are 500–900
        /// bytes; 2 KiB leaves room and refuses chains or RSA-4096 blobs pasted by mistake.
        /// </summary>
        public const int MaxCertificateDerBytes = 2048;

        /// <summary>P-256 private scalar, bytes.</summary>
        public const int PrivateKeyBytes = 32;

        /// <summary>Uncompressed SEC1 P-256 point, bytes.</summary>
        public const int PublicKeyBytes = 65;

        /// <summary>Device id, characters: a certificate CN and a folder name on the server.</summary>
        public const int MaxDeviceIdChars = 64;

        /// <summary>IEEE 802.11 SSID, bytes.</summary>
        public const int MaxSsidBytes = 32;

        /// <summary>WPA2 passphrase, characters (IEEE 802.11i: 8..63 printable ASCII; 64 hex is a raw PSK).</summary>
        public const int MinPassphraseChars = 8;

        public const int MaxPassphraseChars = 63;

        public const int RawPskHexChars = 64;

        /// <summary>Evidence chunk size (docs/evidence-format.md §4), bytes: the format's default.</summary>
        public const int DefaultChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes;

        /// <summary>Smaller chunks cost a PATCH and an HMAC call per 4 KiB, which stops making sense.</summary>
        public const int MinChunkSizeBytes = 4096;

        /// <summary>The agent's 48 KiB buffer budget is sized for one block of the default chunk size.</summary>
        public const int MaxChunkSizeBytes = ContentDigest.DefaultChunkSizeBytes;

        /// <summary>TCP+TLS connect timeout, ms. 15 s covers a TLS handshake with a managed client on a weak link.</summary>
        public const int DefaultConnectTimeoutMs = 15000;

        public const int MinConnectTimeoutMs = 1000;

        public const int MaxConnectTimeoutMs = 120000;

        /// <summary>Backoff cap, ms. 15 minutes: an outage of days costs ~100 attempts a day, recovery is noticed quickly.</summary>
        public const int DefaultMaxBackoffMs = 900000;

        public const int MinMaxBackoffMs = 10000;

        public const int MaxMaxBackoffMs = 3600000;

        /// <summary>Serial numbers are decimal, at most 15 digits (exact in every runtime's long and in JSON doubles).</summary>
        public const int MaxNumberDigits = 15;
    }
}

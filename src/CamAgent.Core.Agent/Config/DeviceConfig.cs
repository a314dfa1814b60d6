using CamAgent.Core.Egress;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// A configuration that passed <see cref="ConfigValidator"/> as a whole. Only the validator
    /// creates one. Byte arrays are owned by this instance: callers must not modify them.
    /// <see cref="ToString"/> never includes secrets.
    /// </summary>
    public sealed class DeviceConfig
    {
        internal DeviceConfig()
        {
        }

        /// <summary>Monotonic serial: a configuration is applied only if its serial is higher than the current one.</summary>
        public long Serial { get; internal set; }

        /// <summary>Device id; equals the subject CN of <see cref="DeviceCertificateDer"/>.</summary>
        public string DeviceId { get; internal set; }

        /// <summary>The one host the device dials (lowercase LDH DNS name, no port).</summary>
        public string AgencyHost { get; internal set; }

        /// <summary>
        /// The agency host's IPv4 address when the configuration names one (agency.address), else null:
        /// then the device dials it and asks it for time without any DNS; TLS still verifies <see cref="AgencyHost"/>.
        /// </summary>
        public string AgencyAddress { get; internal set; }

        /// <summary>Where SNTP asks for time: the agency address if configured (no DNS), else the agency host.</summary>
        public string AgencyTimeServer
        {
            get { return AgencyAddress != null ? AgencyAddress : AgencyHost; }
        }

        /// <summary>DER of the agency CA that server certificates must chain to.</summary>
        public byte[] AgencyCaDer { get; internal set; }

        /// <summary>DER of the device's TLS client and evidence-signing certificate.</summary>
        public byte[] DeviceCertificateDer { get; internal set; }

        /// <summary>The 65-byte P-256 point of the device certificate's key.</summary>
        public byte[] DevicePublicKey { get; internal set; }

        public SignerChoice Signer { get; internal set; }

        /// <summary>32-byte private scalar with the software signer; null with a secure element. Secret.</summary>
        public byte[] DeviceKey { get; internal set; }

        /// <summary>65-byte SEC1 point of the ingest server's receipt-signing key.</summary>
        public byte[] ReceiptPublicKey { get; internal set; }

        public string WifiSsid { get; internal set; }

        /// <summary>Empty for an open network. Secret.</summary>
        public string WifiPassword { get; internal set; }

        public int ChunkSizeBytes { get; internal set; }

        public int ConnectTimeoutMs { get; internal set; }

        public int MaxBackoffMs { get; internal set; }

        public override string ToString()
        {
            string at = AgencyAddress != null ? " at " + AgencyAddress : string.Empty;
            return "config serial " + Serial.ToString() + ", device " + DeviceId + ", agency " + AgencyHost + at + ":" + EgressGate.AgencyPort.ToString() + ", signer " + Signer.ToString();
        }
    }
}

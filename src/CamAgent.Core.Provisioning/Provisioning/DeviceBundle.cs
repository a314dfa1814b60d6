namespace CamAgent.Core.Provisioning
{
    /// <summary>
    /// A device bundle that <see cref="BundleReader"/> decoded and whose signature verified: a view
    /// into the caller's buffer (offsets and lengths; nothing is copied), valid while that buffer
    /// is unchanged. Reused across reads.
    /// </summary>
    public sealed class DeviceBundle
    {
        /// <summary>The buffer the offsets below point into.</summary>
        public byte[] Buffer { get; internal set; }

        /// <summary>Payload key 2: the device id the agency issued the bundle for.</summary>
        public string DeviceId { get; internal set; }

        /// <summary>Payload key 3: the configuration text (docs/agent.md §3), byte for byte.</summary>
        public int ConfigOffset { get; internal set; }

        public int ConfigLength { get; internal set; }

        /// <summary>Payload key 4: the board profile JSON (docs/boards.md), byte for byte.</summary>
        public int BoardOffset { get; internal set; }

        public int BoardLength { get; internal set; }

        /// <summary>Payload key 5: issue time in seconds since 1970-01-01T00:00:00Z.</summary>
        public long IssuedAtSeconds { get; internal set; }

        /// <summary>Payload key 6: the 65-byte bundle-signing public key (the one to pin).</summary>
        public int SignerKeyOffset { get; internal set; }

        /// <summary>The x5chain certificate of the COSE_Sign1 (DER): where it starts in <see cref="Buffer"/>.</summary>
        public int CertificateOffset { get; internal set; }

        public int CertificateLength { get; internal set; }
    }
}

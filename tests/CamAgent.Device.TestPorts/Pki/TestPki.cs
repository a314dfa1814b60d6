using System;
using System.Text;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Pki
{
    /// <summary>
    /// The agency of the end-to-end tests, made when a test first asks for it: an agency CA, the
    /// device's key and certificate (CN = <see cref="DeviceId"/>), the ingest server's receipt key
    /// and certificate, and the device configuration naming them. Keys are derived at test time by
    /// hashing a label (nothing secret is committed; these keys protect nothing). One instance per
    /// test run: each certificate costs a managed P-256 signature, seconds on an ESP32.
    /// </summary>
    public sealed class TestPki
    {
        public const string DeviceId = "cam-e2e-0001";

        /// <summary>The one host the device may dial (a name under example, RFC 2606).</summary>
        public const string AgencyHost = "ingest.agency.example";

        private const string KeyLabelPrefix = "CamAgent device end-to-end test key: ";

        private static TestPki _shared;

        private TestPki()
        {
            EcdsaP256Signer ca = new EcdsaP256Signer(DeriveKey("agency CA"));
            DeviceKey = DeriveKey("device");
            ReceiptKey = DeriveKey("receipt signer");
            DevicePublicKey = PublicKeyOf(new EcdsaP256Signer(DeviceKey));
            ReceiptPublicKey = PublicKeyOf(new EcdsaP256Signer(ReceiptKey));
            AgencyCaDer = TestCertificate.Build(ca, "CamAgent test agency CA", 1, "CamAgent test agency CA", PublicKeyOf(ca), true);
            DeviceCertificateDer = TestCertificate.Build(ca, "CamAgent test agency CA", 2, DeviceId, DevicePublicKey, false);
            ReceiptCertificateDer = TestCertificate.Build(ca, "CamAgent test agency CA", 3, AgencyHost, ReceiptPublicKey, false);
        }

        /// <summary>The test run's agency (built on first use).</summary>
        public static TestPki Shared
        {
            get
            {
                if (_shared == null)
                {
                    _shared = new TestPki();
                }

                return _shared;
            }
        }

        /// <summary>The device's 32-byte P-256 private scalar (configuration key device.key).</summary>
        public byte[] DeviceKey { get; private set; }

        public byte[] DevicePublicKey { get; private set; }

        public byte[] DeviceCertificateDer { get; private set; }

        public byte[] AgencyCaDer { get; private set; }

        /// <summary>The ingest server's receipt-signing scalar.</summary>
        public byte[] ReceiptKey { get; private set; }

        /// <summary>The point the device pins (configuration key receipt.key).</summary>
        public byte[] ReceiptPublicKey { get; private set; }

        public byte[] ReceiptCertificateDer { get; private set; }

        /// <summary>The device configuration (docs/agent.md §3) with this agency's values.</summary>
        public byte[] ConfigText(int chunkSizeBytes)
        {
            StringBuilder text = new StringBuilder();
            Line(text, "config.version", "1");
            Line(text, "config.serial", "1");
            Line(text, "device.id", DeviceId);
            Line(text, "agency.host", AgencyHost);
            Line(text, "agency.ca", Convert.ToBase64String(AgencyCaDer));
            Line(text, "device.certificate", Convert.ToBase64String(DeviceCertificateDer));
            Line(text, "device.signer", "software");
            Line(text, "device.key", Convert.ToBase64String(DeviceKey));
            Line(text, "receipt.key", Convert.ToBase64String(ReceiptPublicKey));
            Line(text, "wifi.ssid", "CamAgent test");
            Line(text, "upload.chunk_size_bytes", chunkSizeBytes.ToString());
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        private static void Line(StringBuilder text, string key, string value)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        private static byte[] DeriveKey(string label)
        {
            byte[] key = Sha256.Hash(Encoding.UTF8.GetBytes(KeyLabelPrefix + label));
            while (!EcdsaP256Signer.IsValidPrivateKey(key, 0))
            {
                key = Sha256.Hash(key);
            }

            return key;
        }

        private static byte[] PublicKeyOf(ISigner signer)
        {
            byte[] point = new byte[EcdsaP256Signer.PublicKeySizeBytes];
            if (signer.GetPublicKey(point, 0) != SignerStatus.Ok)
            {
                throw new InvalidOperationException("no public key");
            }

            return point;
        }
    }
}

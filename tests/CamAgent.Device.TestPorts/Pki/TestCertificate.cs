using System;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Pki
{
    /// <summary>
    /// Builds a DER X.509 v3 certificate (RFC 5280 §4.1) for a P-256 key, signed ECDSA with SHA-256
    /// (RFC 5758 §3.2) by an issuer's <see cref="ISigner"/>: serial, issuer and subject CN, a fixed
    /// validity, the subject key, and basicConstraints (critical; cA TRUE for an authority, absent
    /// cA for an end entity). Enough for Core's certificate checks; no TLS stack ever sees these.
    /// </summary>
    public static class TestCertificate
    {
        private const int Version3 = 2;
        private const string NotBefore = "260101000000Z";
        private const string NotAfter = "360101000000Z";

        private static readonly byte[] EcdsaWithSha256 = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
        private static readonly byte[] EcPublicKey = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        private static readonly byte[] Prime256v1 = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        private static readonly byte[] CommonName = new byte[] { 0x55, 0x04, 0x03 };
        private static readonly byte[] BasicConstraints = new byte[] { 0x55, 0x1D, 0x13 };

        /// <param name="issuer">Signs the certificate (the subject's own signer for a self-signed one).</param>
        /// <param name="subjectPublicKey">65-byte uncompressed SEC1 point.</param>
        public static byte[] Build(ISigner issuer, string issuerName, int serial, string subjectName, byte[] subjectPublicKey, bool isAuthority)
        {
            if (issuer == null || subjectPublicKey == null)
            {
                throw new ArgumentNullException("issuer");
            }

            byte[] algorithm = Der.Seq(Der.Tlv(Der.ObjectIdentifier, EcdsaWithSha256));
            byte[] tbs = Der.Seq(
                Der.Tlv(Der.Context(0), Der.SmallInteger(Version3)),
                Der.SmallInteger(serial),
                algorithm,
                Name(issuerName),
                Der.Seq(Der.Time(NotBefore), Der.Time(NotAfter)),
                Name(subjectName),
                Der.Seq(Der.Seq(Der.Tlv(Der.ObjectIdentifier, EcPublicKey), Der.Tlv(Der.ObjectIdentifier, Prime256v1)), Der.Bits(subjectPublicKey)),
                Der.Tlv(Der.Context(3), Der.Seq(Constraints(isAuthority))));
            return Der.Seq(tbs, algorithm, Der.Bits(Sign(issuer, tbs)));
        }

        private static byte[] Name(string commonName)
        {
            return Der.Seq(Der.Tlv(Der.Set, Der.Seq(Der.Tlv(Der.ObjectIdentifier, CommonName), Der.Utf8(commonName))));
        }

        private static byte[] Constraints(bool isAuthority)
        {
            byte[] value = isAuthority ? Der.Seq(Der.Tlv(Der.Boolean, new byte[] { 0xFF })) : Der.Seq();
            return Der.Seq(Der.Tlv(Der.ObjectIdentifier, BasicConstraints), Der.Tlv(Der.Boolean, new byte[] { 0xFF }), Der.Tlv(Der.OctetString, value));
        }

        /// <summary>ECDSA-Sig-Value (RFC 5480 §2.2 / RFC 3279 §2.2.3): SEQUENCE { r INTEGER, s INTEGER }.</summary>
        private static byte[] Sign(ISigner issuer, byte[] tbs)
        {
            byte[] digest = Sha256.Hash(tbs);
            byte[] signature = new byte[EcdsaP256Signer.SignatureSizeBytes];
            if (issuer.SignDigest(digest, 0, signature, 0) != SignerStatus.Ok)
            {
                throw new InvalidOperationException("the issuer did not sign the test certificate");
            }

            int half = EcdsaP256Signer.SignatureSizeBytes / 2;
            return Der.Seq(Der.UnsignedInteger(signature, 0, half), Der.UnsignedInteger(signature, half, half));
        }
    }
}

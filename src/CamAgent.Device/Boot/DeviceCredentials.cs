using System;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Config;
using CamAgent.Core.Provisioning;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Turns the validated configuration's certificates into the objects nanoFramework's
    /// SslStream takes: the pinned agency CA, and (software signer) the device certificate with
    /// its private key as PEM (RFC 7468 "CERTIFICATE" and RFC 5915 "EC PRIVATE KEY"), the form
    /// mbedTLS parses on every nanoFramework target.
    /// </summary>
    public static class DeviceCredentials
    {
        private const string CertificateLabel = "CERTIFICATE";
        private const string PrivateKeyLabel = "EC PRIVATE KEY";

        public static X509Certificate AgencyCa(DeviceConfig config)
        {
            return new X509Certificate(Pem(CertificateLabel, config.AgencyCaDer));
        }

        /// <summary>
        /// The TLS client certificate with its key, or null with a secure element: its key cannot
        /// leave the chip, so the TLS stack uses the certificate stored in the device instead.
        /// </summary>
        public static X509Certificate ClientCertificate(DeviceConfig config)
        {
            if (config.Signer != SignerChoice.Software)
            {
                return null;
            }

            byte[] der = new byte[Sec1PrivateKey.EncodedBytes];
            try
            {
                Sec1PrivateKey.Encode(config.DeviceKey, 0, config.DevicePublicKey, 0, der, 0);
                return new X509Certificate2(Pem(CertificateLabel, config.DeviceCertificateDer), Pem(PrivateKeyLabel, der), null);
            }
            finally
            {
                Array.Clear(der, 0, der.Length);
            }
        }

        private static string Pem(string label, byte[] der)
        {
            return "-----BEGIN " + label + "-----\n"
                + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)
                + "\n-----END " + label + "-----\n";
        }
    }
}

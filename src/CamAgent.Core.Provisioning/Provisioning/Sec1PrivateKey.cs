using System;
using CamAgent.Core.Binary;

namespace CamAgent.Core.Provisioning
{
    /// <summary>
    /// DER encoding of a P-256 private key as an ECPrivateKey structure (RFC 5915 §3, SEC 1
    /// §C.4), the form TLS stacks (mbedTLS on the device) load a client key from:
    /// SEQUENCE { INTEGER 1, OCTET STRING d, [0] OID prime256v1, [1] BIT STRING public point }.
    /// With a 32-byte d and a 65-byte point every length is fixed, so the encoding is a constant
    /// frame around the two values. The output holds a secret: the caller wipes it after use.
    /// </summary>
    public static class Sec1PrivateKey
    {
        public const int PrivateKeyBytes = 32;
        public const int PublicKeyBytes = 65;
        public const int EncodedBytes = 121;

        // 30 77 (SEQUENCE, 119) 02 01 01 (version 1) 04 20 (OCTET STRING, 32)
        private static readonly byte[] Prefix = new byte[] { 0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20 };

        // a0 0a 06 08 <1.2.840.10045.3.1.7> (prime256v1, RFC 5480 §2.1.1.1) a1 44 03 42 00 (BIT STRING, 66, no unused bits)
        private static readonly byte[] Middle = new byte[]
        {
            0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07,
            0xA1, 0x44, 0x03, 0x42, 0x00,
        };

        /// <summary>Writes <see cref="EncodedBytes"/> bytes at <paramref name="outputOffset"/>.</summary>
        public static void Encode(byte[] privateKey, int privateKeyOffset, byte[] publicKey, int publicKeyOffset, byte[] output, int outputOffset)
        {
            Bytes.CheckRange(privateKey, privateKeyOffset, PrivateKeyBytes, "privateKey");
            Bytes.CheckRange(publicKey, publicKeyOffset, PublicKeyBytes, "publicKey");
            Bytes.CheckRange(output, outputOffset, EncodedBytes, "output");
            int position = outputOffset;
            Array.Copy(Prefix, 0, output, position, Prefix.Length);
            position += Prefix.Length;
            Array.Copy(privateKey, privateKeyOffset, output, position, PrivateKeyBytes);
            position += PrivateKeyBytes;
            Array.Copy(Middle, 0, output, position, Middle.Length);
            position += Middle.Length;
            Array.Copy(publicKey, publicKeyOffset, output, position, PublicKeyBytes);
        }
    }
}

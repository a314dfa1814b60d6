namespace CamAgent.Core.Provisioning
{
    /// <summary>
    /// The few DER facts the device checks before it signs or stores provisioning data
    /// (ITU-T X.690 §8.1 and RFC 2986 §4.1, RFC 5480 §2 for the P-256 SubjectPublicKeyInfo).
    /// </summary>
    public static class DerChecks
    {
        /// <summary>DER of SubjectPublicKeyInfo for a P-256 key, up to the 65-byte point (RFC 5480 §2).</summary>
        private static readonly byte[] P256SpkiPrefix =
        {
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
            0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        };

        private const byte SequenceTag = 0x30;
        private const byte IntegerTag = 0x02;
        private const int ShortFormLimit = 0x80;
        private const int MaxLengthBytes = 2;
        private const int BitsPerByte = 8;

        /// <summary>Bytes of a P-256 SubjectPublicKeyInfo: prefix plus the uncompressed point.</summary>
        public const int P256SpkiBytes = 26 + 65;

        /// <summary>Writes the SubjectPublicKeyInfo of the 65-byte SEC1 point <paramref name="publicKey"/>.</summary>
        public static byte[] P256Spki(byte[] publicKey)
        {
            byte[] spki = new byte[P256SpkiBytes];
            System.Array.Copy(P256SpkiPrefix, spki, P256SpkiPrefix.Length);
            System.Array.Copy(publicKey, 0, spki, P256SpkiPrefix.Length, publicKey.Length);
            return spki;
        }

        /// <summary>
        /// True when <paramref name="der"/> is exactly one SEQUENCE whose first element is INTEGER 0:
        /// the shape of a PKCS#10 CertificationRequestInfo (RFC 2986 §4.1, version 0).
        /// </summary>
        public static bool IsCertificationRequestInfo(byte[] der)
        {
            int contentStart;
            int contentLength;
            if (!ReadHeader(der, 0, SequenceTag, out contentStart, out contentLength) || contentStart + contentLength != der.Length)
            {
                return false;
            }

            return contentLength >= 3 && der[contentStart] == IntegerTag && der[contentStart + 1] == 1 && der[contentStart + 2] == 0;
        }

        /// <summary>True when <paramref name="der"/> is exactly one SEQUENCE (a certificate's outer shape).</summary>
        public static bool IsSingleSequence(byte[] der)
        {
            int contentStart;
            int contentLength;
            return ReadHeader(der, 0, SequenceTag, out contentStart, out contentLength) && contentStart + contentLength == der.Length;
        }

        /// <summary>True when <paramref name="pattern"/> occurs in <paramref name="data"/>.</summary>
        public static bool Contains(byte[] data, byte[] pattern)
        {
            for (int start = 0; start <= data.Length - pattern.Length; start++)
            {
                int i = 0;
                while (i < pattern.Length && data[start + i] == pattern[i])
                {
                    i++;
                }

                if (i == pattern.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReadHeader(byte[] der, int offset, byte tag, out int contentStart, out int contentLength)
        {
            contentStart = 0;
            contentLength = 0;
            if (der == null || der.Length < offset + 2 || der[offset] != tag)
            {
                return false;
            }

            int first = der[offset + 1];
            if (first < ShortFormLimit)
            {
                contentStart = offset + 2;
                contentLength = first;
                return true;
            }

            int lengthBytes = first - ShortFormLimit;
            if (lengthBytes < 1 || lengthBytes > MaxLengthBytes || der.Length < offset + 2 + lengthBytes)
            {
                return false;
            }

            for (int i = 0; i < lengthBytes; i++)
            {
                contentLength = (contentLength << BitsPerByte) | der[offset + 2 + i];
            }

            contentStart = offset + 2 + lengthBytes;
            return contentLength >= ShortFormLimit;
        }
    }
}

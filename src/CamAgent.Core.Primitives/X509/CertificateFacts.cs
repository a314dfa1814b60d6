using System;
using System.Text;

namespace CamAgent.Core.X509
{
    /// <summary>
    /// The few facts the device checks in a DER X.509 certificate itself (RFC 5280 §4.1): that it is
    /// a well-framed v3 certificate, whether basicConstraints says CA, the subject common name, and
    /// a P-256 public key when it has one. Signatures, validity dates and the chain are NOT checked
    /// here: the platform's TLS stack does that on every handshake (docs/agent.md, "What the device
    /// validates"). Fill with <see cref="Parse"/>; reuse the instance.
    /// </summary>
    public sealed class CertificateFacts
    {
        /// <summary>Size of an uncompressed SEC1 P-256 point: 0x04 || X (32) || Y (32).</summary>
        public const int P256PointBytes = 65;

        private const int MaxCommonNameChars = 64;
        private const int V3 = 2;
        private const int SubjectField = 4;

        private static readonly byte[] OidEcPublicKey = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        private static readonly byte[] OidPrime256v1 = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        private static readonly byte[] OidBasicConstraints = new byte[] { 0x55, 0x1D, 0x13 };
        private static readonly byte[] OidCommonName = new byte[] { 0x55, 0x04, 0x03 };

        private readonly byte[] _publicKey = new byte[P256PointBytes];

        /// <summary>basicConstraints present with cA TRUE.</summary>
        public bool IsCertificateAuthority { get; private set; }

        /// <summary>The subject public key is id-ecPublicKey on prime256v1, uncompressed.</summary>
        public bool HasP256Key { get; private set; }

        /// <summary>The first subject CN in printable ASCII, or null.</summary>
        public string SubjectCommonName { get; private set; }

        /// <summary>The 65-byte public key when <see cref="HasP256Key"/>; the array is owned by this instance.</summary>
        public byte[] PublicKey
        {
            get { return _publicKey; }
        }

        /// <summary>Walks <paramref name="der"/>; false when it is not exactly one well-framed v3 certificate.</summary>
        public bool Parse(byte[] der)
        {
            if (der == null)
            {
                throw new ArgumentNullException("der");
            }

            IsCertificateAuthority = false;
            HasP256Key = false;
            SubjectCommonName = null;
            int tag, start, length;
            if (!DerReader.Read(der, 0, der.Length, out tag, out start, out length) || tag != DerReader.Sequence || start + length != der.Length)
            {
                return false;
            }

            int end = start + length;
            int tbsStart, tbsLength;
            if (!DerReader.Read(der, start, end, out tag, out tbsStart, out tbsLength) || tag != DerReader.Sequence)
            {
                return false;
            }

            int next = tbsStart + tbsLength;
            int algStart, algLength, sigStart, sigLength;
            if (!DerReader.Read(der, next, end, out tag, out algStart, out algLength) || tag != DerReader.Sequence
                || !DerReader.Read(der, algStart + algLength, end, out tag, out sigStart, out sigLength) || tag != DerReader.BitString
                || sigStart + sigLength != end)
            {
                return false;
            }

            return ParseTbs(der, tbsStart, tbsStart + tbsLength);
        }

        private bool ParseTbs(byte[] der, int position, int end)
        {
            int tag, start, length;
            if (!DerReader.Read(der, position, end, out tag, out start, out length) || tag != DerReader.ContextVersion || !IsVersion3(der, start, length))
            {
                return false;
            }

            position = start + length;
            int subjectStart = 0, subjectLength = 0;
            // serialNumber, signature, issuer, validity, subject; then subjectPublicKeyInfo.
            int[] expected = new int[] { DerReader.Integer, DerReader.Sequence, DerReader.Sequence, DerReader.Sequence, DerReader.Sequence };
            for (int field = 0; field <= expected.Length; field++)
            {
                if (!DerReader.Read(der, position, end, out tag, out start, out length))
                {
                    return false;
                }

                if (field < expected.Length && tag != expected[field])
                {
                    return false;
                }

                if (field == SubjectField)
                {
                    subjectStart = start;
                    subjectLength = length;
                }
                else if (field == expected.Length)
                {
                    if (tag != DerReader.Sequence)
                    {
                        return false;
                    }

                    HasP256Key = ReadP256Key(der, start, start + length);
                }

                position = start + length;
            }

            SubjectCommonName = FindCommonName(der, subjectStart, subjectStart + subjectLength);
            return ParseTrailer(der, position, end);
        }

        private static bool IsVersion3(byte[] der, int start, int length)
        {
            int tag, valueStart, valueLength;
            return DerReader.Read(der, start, start + length, out tag, out valueStart, out valueLength)
                && tag == DerReader.Integer && valueLength == 1 && der[valueStart] == V3 && valueStart + valueLength == start + length;
        }

        private bool ParseTrailer(byte[] der, int position, int end)
        {
            // Optional issuerUniqueID [1], subjectUniqueID [2] (implicit, primitive or constructed), then [3] extensions.
            int tag, start, length;
            while (position < end)
            {
                if (!DerReader.Read(der, position, end, out tag, out start, out length))
                {
                    return false;
                }

                if (tag == DerReader.ContextExtensions)
                {
                    if (!ParseExtensions(der, start, start + length) || start + length != end)
                    {
                        return false;
                    }
                }
                else if ((tag & 0xDF) != 0x81 && (tag & 0xDF) != 0x82)
                {
                    return false;
                }

                position = start + length;
            }

            return position == end;
        }

        private bool ParseExtensions(byte[] der, int position, int end)
        {
            int tag, start, length;
            if (!DerReader.Read(der, position, end, out tag, out start, out length) || tag != DerReader.Sequence || start + length != end)
            {
                return false;
            }

            position = start;
            while (position < end)
            {
                int extStart, extLength, oidStart, oidLength;
                if (!DerReader.Read(der, position, end, out tag, out extStart, out extLength) || tag != DerReader.Sequence
                    || !DerReader.Read(der, extStart, extStart + extLength, out tag, out oidStart, out oidLength) || tag != DerReader.ObjectIdentifier)
                {
                    return false;
                }

                if (DerReader.ContentEquals(der, oidStart, oidLength, OidBasicConstraints))
                {
                    IsCertificateAuthority = ReadBasicConstraintsCa(der, oidStart + oidLength, extStart + extLength);
                }

                position = extStart + extLength;
            }

            return true;
        }

        private static bool ReadBasicConstraintsCa(byte[] der, int position, int end)
        {
            int tag, start, length;
            if (!DerReader.Read(der, position, end, out tag, out start, out length))
            {
                return false;
            }

            if (tag == DerReader.Boolean)
            {
                // The critical flag; the value follows it.
                if (!DerReader.Read(der, start + length, end, out tag, out start, out length))
                {
                    return false;
                }
            }

            int seqStart, seqLength;
            if (tag != DerReader.OctetString || !DerReader.Read(der, start, start + length, out tag, out seqStart, out seqLength) || tag != DerReader.Sequence)
            {
                return false;
            }

            int boolStart, boolLength;
            return seqLength > 0 && DerReader.Read(der, seqStart, seqStart + seqLength, out tag, out boolStart, out boolLength)
                && tag == DerReader.Boolean && boolLength == 1 && der[boolStart] == 0xFF;
        }

        private bool ReadP256Key(byte[] der, int position, int end)
        {
            int tag, algStart, algLength, oidStart, oidLength, curveStart, curveLength, keyStart, keyLength;
            if (!DerReader.Read(der, position, end, out tag, out algStart, out algLength) || tag != DerReader.Sequence
                || !DerReader.Read(der, algStart, algStart + algLength, out tag, out oidStart, out oidLength) || tag != DerReader.ObjectIdentifier
                || !DerReader.ContentEquals(der, oidStart, oidLength, OidEcPublicKey)
                || !DerReader.Read(der, oidStart + oidLength, algStart + algLength, out tag, out curveStart, out curveLength) || tag != DerReader.ObjectIdentifier
                || !DerReader.ContentEquals(der, curveStart, curveLength, OidPrime256v1)
                || !DerReader.Read(der, algStart + algLength, end, out tag, out keyStart, out keyLength) || tag != DerReader.BitString)
            {
                return false;
            }

            // BIT STRING: one "unused bits" octet (0), then the SEC1 point.
            if (keyLength != P256PointBytes + 1 || der[keyStart] != 0 || der[keyStart + 1] != 0x04)
            {
                return false;
            }

            Array.Copy(der, keyStart + 1, _publicKey, 0, P256PointBytes);
            return true;
        }

        private static string FindCommonName(byte[] der, int position, int end)
        {
            int tag, setStart, setLength, attrStart, attrLength, oidStart, oidLength, valueStart, valueLength;
            while (position < end)
            {
                if (!DerReader.Read(der, position, end, out tag, out setStart, out setLength) || tag != DerReader.Set
                    || !DerReader.Read(der, setStart, setStart + setLength, out tag, out attrStart, out attrLength) || tag != DerReader.Sequence
                    || !DerReader.Read(der, attrStart, attrStart + attrLength, out tag, out oidStart, out oidLength) || tag != DerReader.ObjectIdentifier)
                {
                    return null;
                }

                if (DerReader.ContentEquals(der, oidStart, oidLength, OidCommonName)
                    && DerReader.Read(der, oidStart + oidLength, attrStart + attrLength, out tag, out valueStart, out valueLength))
                {
                    return AsciiString(der, valueStart, valueLength);
                }

                position = setStart + setLength;
            }

            return null;
        }

        private static string AsciiString(byte[] der, int start, int length)
        {
            if (length == 0 || length > MaxCommonNameChars)
            {
                return null;
            }

            for (int i = start; i < start + length; i++)
            {
                if (der[i] < 0x20 || der[i] > 0x7E)
                {
                    return null;
                }
            }

            return Encoding.UTF8.GetString(der, start, length);
        }
    }
}

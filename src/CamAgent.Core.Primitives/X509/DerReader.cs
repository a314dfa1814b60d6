namespace CamAgent.Core.X509
{
    /// <summary>
    /// Reads one DER element (ITU-T X.690 §8.1, with the DER restrictions of §10): single-byte
    /// tags (low tag numbers, all an X.509 certificate uses), definite lengths in minimal form,
    /// never past the enclosing element. Enough to walk a certificate's structure; it does not
    /// interpret values. Every malformation is a false return.
    /// </summary>
    public static class DerReader
    {
        /// <summary>Universal SEQUENCE (constructed).</summary>
        public const int Sequence = 0x30;

        /// <summary>Universal SET (constructed).</summary>
        public const int Set = 0x31;

        public const int Boolean = 0x01;
        public const int Integer = 0x02;
        public const int BitString = 0x03;
        public const int OctetString = 0x04;
        public const int ObjectIdentifier = 0x06;

        /// <summary>Context-specific constructed [0] (certificate version).</summary>
        public const int ContextVersion = 0xA0;

        /// <summary>Context-specific constructed [3] (certificate extensions).</summary>
        public const int ContextExtensions = 0xA3;

        // Lengths above 2^24 never occur in a certificate this agent accepts; refusing them keeps
        // the arithmetic inside an int on every runtime.
        private const int MaxLengthOctets = 3;

        /// <summary>
        /// Reads the element starting at <paramref name="position"/> that must end at or before
        /// <paramref name="end"/>. On success, <paramref name="tag"/> is its identifier octet,
        /// <paramref name="contentStart"/> and <paramref name="contentLength"/> locate its value,
        /// and the next element starts at contentStart + contentLength.
        /// </summary>
        public static bool Read(byte[] data, int position, int end, out int tag, out int contentStart, out int contentLength)
        {
            tag = 0;
            contentStart = 0;
            contentLength = 0;
            if (position < 0 || end > data.Length || position + 2 > end)
            {
                return false;
            }

            tag = data[position];
            if ((tag & 0x1F) == 0x1F)
            {
                return false;
            }

            int first = data[position + 1];
            int cursor = position + 2;
            int length;
            if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int octets = first & 0x7F;
                if (octets == 0 || octets > MaxLengthOctets || cursor + octets > end || data[cursor] == 0)
                {
                    return false;
                }

                length = 0;
                for (int i = 0; i < octets; i++)
                {
                    length = (length << 8) | data[cursor + i];
                }

                cursor += octets;
                if (length < 0x80)
                {
                    return false;
                }
            }

            if (length > end - cursor)
            {
                return false;
            }

            contentStart = cursor;
            contentLength = length;
            return true;
        }

        /// <summary>True when the element at <paramref name="start"/> of <paramref name="length"/> bytes equals <paramref name="expected"/>.</summary>
        public static bool ContentEquals(byte[] data, int start, int length, byte[] expected)
        {
            if (length != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (data[start + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

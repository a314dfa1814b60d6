using System;
using CamAgent.Core.Binary;

namespace CamAgent.Core.Text
{
    /// <summary>
    /// Base64 (RFC 4648 §4, standard alphabet, with padding), strict: length a multiple of 4,
    /// padding only at the end, no whitespace or line breaks, unused bits zero. Strictness makes
    /// an encoding unique, so what the agency signed is what the device reads. The buffer forms
    /// allocate nothing (tus Upload-Metadata values, tus 1.0.0 "Upload-Metadata", and the
    /// CamAgent-Receipt header); <see cref="TryDecode"/> serves configuration values.
    /// Failures are return values, never exceptions.
    /// </summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        private const int InvalidSymbol = -1;

        /// <summary>Characters produced for <paramref name="count"/> input bytes.</summary>
        public static int EncodedLength(int count)
        {
            return ((count + 2) / 3) * 4;
        }

        /// <summary>Writes the encoding of data[offset..offset+count) at output[outputOffset]; returns characters written.</summary>
        public static int Encode(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Bytes.CheckRange(data, offset, count);
            if (output == null || outputOffset < 0 || outputOffset + EncodedLength(count) > output.Length)
            {
                throw new ArgumentException("output too small");
            }

            int o = outputOffset;
            int end = offset + count;
            int i = offset;
            for (; i + 3 <= end; i += 3)
            {
                int group = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                output[o++] = (byte)Alphabet[(group >> 18) & 0x3F];
                output[o++] = (byte)Alphabet[(group >> 12) & 0x3F];
                output[o++] = (byte)Alphabet[(group >> 6) & 0x3F];
                output[o++] = (byte)Alphabet[group & 0x3F];
            }

            int rest = end - i;
            if (rest > 0)
            {
                int group = data[i] << 16;
                if (rest == 2)
                {
                    group |= data[i + 1] << 8;
                }

                output[o++] = (byte)Alphabet[(group >> 18) & 0x3F];
                output[o++] = (byte)Alphabet[(group >> 12) & 0x3F];
                output[o++] = rest == 2 ? (byte)Alphabet[(group >> 6) & 0x3F] : (byte)'=';
                output[o++] = (byte)'=';
            }

            return o - outputOffset;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> characters at input[offset] into output[outputOffset].
        /// Returns the number of bytes written, or -1 when the text is not canonical padded base64
        /// (length not a multiple of 4, a foreign character, misplaced padding, non-zero pad bits)
        /// or does not fit in the output. Decoding in place (same array, outputOffset &lt;= offset) is allowed.
        /// </summary>
        public static int Decode(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            Bytes.CheckRange(input, offset, count);
            if (output == null || outputOffset < 0)
            {
                throw new ArgumentException("output");
            }

            if (count % 4 != 0)
            {
                return -1;
            }

            int o = outputOffset;
            for (int i = offset; i < offset + count; i += 4)
            {
                bool last = i + 4 == offset + count;
                int written = DecodeQuad(input, i, last, output, o);
                if (written < 0)
                {
                    return -1;
                }

                o += written;
            }

            return o - outputOffset;
        }

        private static int DecodeQuad(byte[] input, int i, bool last, byte[] output, int o)
        {
            int a = ValueOf(input[i]);
            int b = ValueOf(input[i + 1]);
            int c = input[i + 2] == '=' && last && input[i + 3] == '=' ? 0 : ValueOf(input[i + 2]);
            int d = input[i + 3] == '=' && last ? 0 : ValueOf(input[i + 3]);
            if (a == InvalidSymbol || b == InvalidSymbol || c == InvalidSymbol || d == InvalidSymbol)
            {
                return -1;
            }

            int produced = input[i + 2] == '=' ? 1 : (input[i + 3] == '=' ? 2 : 3);
            int group = (a << 18) | (b << 12) | (c << 6) | d;
            int padBits = produced == 1 ? group & 0xFFFF : (produced == 2 ? group & 0xFF : 0);
            if (padBits != 0 || o + produced > output.Length)
            {
                return -1;
            }

            output[o] = (byte)(group >> 16);
            if (produced > 1)
            {
                output[o + 1] = (byte)(group >> 8);
            }

            if (produced > 2)
            {
                output[o + 2] = (byte)group;
            }

            return produced;
        }

        private static int ValueOf(byte c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            if (c == '+')
            {
                return 62;
            }

            return c == '/' ? 63 : InvalidSymbol;
        }

        /// <summary>
        /// Decodes <paramref name="text"/>; <paramref name="bytes"/> is null unless the result is
        /// true. Refuses inputs that would decode to more than <paramref name="maxBytes"/> bytes
        /// before allocating, and any non-ASCII character.
        /// </summary>
        public static bool TryDecode(string text, int maxBytes, out byte[] bytes)
        {
            bytes = null;
            if (text == null || text.Length == 0 || text.Length % 4 != 0)
            {
                return false;
            }

            int padding = text[text.Length - 1] != '=' ? 0 : text[text.Length - 2] == '=' ? 2 : 1;
            if ((text.Length / 4 * 3) - padding > maxBytes)
            {
                return false;
            }

            byte[] work = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > (char)0x7F)
                {
                    return false;
                }

                work[i] = (byte)c;
            }

            int written = Decode(work, 0, work.Length, work, 0);
            if (written < 0)
            {
                return false;
            }

            bytes = new byte[written];
            Array.Copy(work, 0, bytes, 0, written);
            return true;
        }
    }
}

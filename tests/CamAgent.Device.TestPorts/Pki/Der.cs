using System;
using System.Text;

namespace CamAgent.Device.TestPorts.Pki
{
    /// <summary>
    /// The few DER encodings (ITU-T X.690 §8, §10) a test certificate needs, each returning a new
    /// array. Allocation is no concern here: certificates are built once per test run.
    /// </summary>
    public static class Der
    {
        public const byte Boolean = 0x01;
        public const byte Integer = 0x02;
        public const byte BitString = 0x03;
        public const byte OctetString = 0x04;
        public const byte ObjectIdentifier = 0x06;
        public const byte Utf8String = 0x0C;
        public const byte UtcTime = 0x17;
        public const byte Sequence = 0x30;
        public const byte Set = 0x31;

        /// <summary>Tag of the explicit context-specific constructed field [n].</summary>
        public static byte Context(int number)
        {
            return (byte)(0xA0 + number);
        }

        /// <summary>Tag, definite length (short or long form, X.690 §8.1.3), content.</summary>
        public static byte[] Tlv(byte tag, byte[] content)
        {
            int length = content.Length;
            int lengthBytes = length < 0x80 ? 1 : (length <= 0xFF ? 2 : 3);
            byte[] result = new byte[1 + lengthBytes + length];
            result[0] = tag;
            if (lengthBytes == 1)
            {
                result[1] = (byte)length;
            }
            else if (lengthBytes == 2)
            {
                result[1] = 0x81;
                result[2] = (byte)length;
            }
            else
            {
                result[1] = 0x82;
                result[2] = (byte)(length >> 8);
                result[3] = (byte)length;
            }

            Array.Copy(content, 0, result, 1 + lengthBytes, length);
            return result;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            int total = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                total += parts[i].Length;
            }

            byte[] result = new byte[total];
            int position = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                Array.Copy(parts[i], 0, result, position, parts[i].Length);
                position += parts[i].Length;
            }

            return result;
        }

        public static byte[] Seq(params byte[][] parts)
        {
            return Tlv(Sequence, Concat(parts));
        }

        /// <summary>A non-negative INTEGER from big-endian magnitude bytes (§8.3: minimal, with a 0x00 before a high bit).</summary>
        public static byte[] UnsignedInteger(byte[] magnitude, int offset, int count)
        {
            while (count > 1 && magnitude[offset] == 0)
            {
                offset++;
                count--;
            }

            bool pad = (magnitude[offset] & 0x80) != 0;
            byte[] content = new byte[count + (pad ? 1 : 0)];
            Array.Copy(magnitude, offset, content, pad ? 1 : 0, count);
            return Tlv(Integer, content);
        }

        public static byte[] SmallInteger(int value)
        {
            return UnsignedInteger(new byte[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value }, 0, 4);
        }

        /// <summary>A BIT STRING with no unused bits (§8.6).</summary>
        public static byte[] Bits(byte[] content)
        {
            byte[] withPad = new byte[content.Length + 1];
            Array.Copy(content, 0, withPad, 1, content.Length);
            return Tlv(BitString, withPad);
        }

        public static byte[] Utf8(string text)
        {
            return Tlv(Utf8String, Encoding.UTF8.GetBytes(text));
        }

        public static byte[] Time(string utcTime)
        {
            return Tlv(UtcTime, Encoding.UTF8.GetBytes(utcTime));
        }
    }
}

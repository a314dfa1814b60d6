using System.Collections;
using System.Text;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>A parsed HTTP/1.1 request head (RFC 9112 §3, §5): method, target and fields by lower-case name.</summary>
    internal sealed class RequestHead
    {
        private const string LineEnd = "\r\n";

        private readonly Hashtable _fields = new Hashtable();

        private RequestHead(string method, string target)
        {
            Method = method;
            Target = target;
        }

        public string Method { get; private set; }

        public string Target { get; private set; }

        /// <summary>The field's value without surrounding spaces, or null.</summary>
        public string Field(string name)
        {
            return (string)_fields[name.ToLower()];
        }

        /// <summary>A field holding a non-negative decimal, or -1 when absent or malformed.</summary>
        public long Number(string name)
        {
            string text = Field(name);
            long value;
            if (text == null || text.Length == 0 || text[0] == '-' || text[0] == '+' || !long.TryParse(text, out value))
            {
                return -1;
            }

            return value;
        }

        /// <summary>Parses <paramref name="length"/> bytes ending with the empty line; null when it is not a request head.</summary>
        public static RequestHead Parse(byte[] head, int length)
        {
            string text = Encoding.UTF8.GetString(head, 0, length);
            int end = text.IndexOf(LineEnd);
            string[] requestLine = text.Substring(0, end).Split(new char[] { ' ' });
            if (requestLine.Length != 3 || requestLine[2] != "HTTP/1.1")
            {
                return null;
            }

            RequestHead request = new RequestHead(requestLine[0], requestLine[1]);
            int position = end + LineEnd.Length;
            while (position < text.Length)
            {
                end = text.IndexOf(LineEnd, position);
                if (end == position)
                {
                    break;
                }

                string line = text.Substring(position, end - position);
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    return null;
                }

                request._fields[line.Substring(0, colon).ToLower()] = line.Substring(colon + 1).Trim();
                position = end + LineEnd.Length;
            }

            return request;
        }
    }
}

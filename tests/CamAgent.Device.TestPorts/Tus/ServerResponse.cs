using System.Text;
using CamAgent.Core.Upload;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>Writes the scripted server's answers: status line, Tus-Resumable, the given fields, framing.</summary>
    internal static class ServerResponse
    {
        /// <param name="fields">Further header lines, each ending with CRLF ("" for none).</param>
        public static byte[] Build(int status, string reason, string fields)
        {
            StringBuilder text = new StringBuilder();
            text.Append("HTTP/1.1 ").Append(status).Append(' ').Append(reason).Append("\r\n");
            text.Append(TusHeaders.TusResumable).Append(": ").Append(TusHeaders.ProtocolVersion).Append("\r\n");
            text.Append(fields);

            // RFC 9110 §8.6: a 204 carries no Content-Length; the other answers have an empty body.
            if (status != 204)
            {
                text.Append("Content-Length: 0\r\n");
            }

            text.Append("\r\n");
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        /// <summary>An error answer with its CamAgent-Error code (docs/upload-protocol.md §8).</summary>
        public static byte[] Error(int status, string code, string fields)
        {
            return Build(status, "Refused", TusHeaders.Error + ": " + code + "\r\n" + fields);
        }

        public static string Field(string name, string value)
        {
            return name + ": " + value + "\r\n";
        }
    }
}

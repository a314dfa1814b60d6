using System;
using System.Text;

namespace Samples
{
    public static class Text
    {
        private const string Prefix = "CamAgent";

        public static string Build(string device, long sequence, byte[] digest, char separator)
        {
            string plain = $"{Prefix}/{device}/{sequence}";
            string aligned = $"[{device,12}]";
            string joined = device + separator + sequence + "/" + digest.Length;
            var builder = new StringBuilder(64);
            builder.Append(plain).Append(separator).Append(aligned).AppendLine(joined);
            builder.Append(sequence.ToString("X8"));
            byte[] utf8 = Encoding.UTF8.GetBytes(builder.ToString());
            string decoded = Encoding.UTF8.GetString(utf8, 0, utf8.Length);
            string base64 = Convert.ToBase64String(digest);
            byte[] back = Convert.FromBase64String(base64);
            bool same = decoded == plain || decoded != aligned;
            return same ? decoded.Substring(0, 4).ToUpper() + back.Length : string.Empty;
        }

        public static string Greeting(string name) => string.Format("hello {0}, {1,4}", name, name.Length);
    }
}

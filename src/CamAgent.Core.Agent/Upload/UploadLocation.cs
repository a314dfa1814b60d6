using CamAgent.Core.Egress;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Validates the upload URL a server returns in Location (tus 1.0.0 Creation; RFC 9110 §10.2.2).
    /// Only a path on the agency host itself is accepted: either an absolute path, or an https URL
    /// naming exactly the agency host (optionally with :443). Anything else would let a server
    /// steer the device elsewhere, which the egress policy forbids; it is a protocol violation.
    /// </summary>
    public static class UploadLocation
    {
        private const string HttpsScheme = "https://";

        /// <summary>The path to use in later requests, or null when the value is not acceptable.</summary>
        public static string ToPath(string location, string agencyHost)
        {
            if (location == null || location.Length == 0 || location.Length > UploadLimits.MaxLocationLength)
            {
                return null;
            }

            string path = location;
            if (location[0] != '/')
            {
                path = StripAgencyOrigin(location, agencyHost);
            }

            return path != null && IsPlainPath(path) ? path : null;
        }

        private static string StripAgencyOrigin(string location, string agencyHost)
        {
            if (!StartsWithIgnoreCase(location, 0, HttpsScheme) || !StartsWithIgnoreCase(location, HttpsScheme.Length, agencyHost))
            {
                return null;
            }

            int rest = HttpsScheme.Length + agencyHost.Length;
            string portSuffix = ":" + EgressGate.AgencyPort.ToString();
            if (StartsWithIgnoreCase(location, rest, portSuffix))
            {
                rest += portSuffix.Length;
            }

            return rest < location.Length && location[rest] == '/' ? location.Substring(rest) : null;
        }

        // An absolute-path (RFC 3986 §3.3) under /files/ with no query, fragment, dot segments or escapes.
        private static bool IsPlainPath(string path)
        {
            if (!path.StartsWith(TusHeaders.CreationPath) || path.Length == TusHeaders.CreationPath.Length)
            {
                return false;
            }

            for (int i = 0; i < path.Length; i++)
            {
                char c = path[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
                if (!ok)
                {
                    return false;
                }
            }

            return path.IndexOf("/.") < 0 && path.IndexOf("//") < 0;
        }

        private static bool StartsWithIgnoreCase(string text, int at, string prefix)
        {
            if (at + prefix.Length > text.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                char a = text[at + i];
                char b = prefix[i];
                if (a >= 'A' && a <= 'Z')
                {
                    a = (char)(a + ('a' - 'A'));
                }

                if (b >= 'A' && b <= 'Z')
                {
                    b = (char)(b + ('a' - 'A'));
                }

                if (a != b)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

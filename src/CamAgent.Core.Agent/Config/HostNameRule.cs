using CamAgent.Core.Egress;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// The agency host must be a plain DNS host name (RFC 1035 §2.3.1 LDH labels, RFC 1123 §2.1,
    /// RFC 3696 §2), written exactly as it will be dialled and matched against the server
    /// certificate. Refused, each with its own error: schemes, user info, ports, paths, IP
    /// literals in any form (dotted, integer, octal, hex, IPv6, bracketed), wildcards, uppercase
    /// (the signed configuration must be byte-for-byte what is dialled), trailing dots,
    /// non-ASCII, and IDNA "xn--" labels (an agency can always choose an ASCII name; refusing
    /// punycode removes homograph look-alikes at no cost). See docs/agent.md, "Agency host".
    /// </summary>
    public static class HostNameRule
    {
        /// <summary>RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 characters as text.</summary>
        public const int MaxHostChars = 253;

        /// <summary>RFC 1035 §2.3.4: a label is at most 63 octets.</summary>
        public const int MaxLabelChars = 63;

        /// <summary>Checks <paramref name="host"/>; <paramref name="reason"/> explains a refusal.</summary>
        public static ConfigError Check(string host, out string reason)
        {
            ConfigError error = CheckEndpointShape(host, out reason);
            if (error != ConfigError.None)
            {
                return error;
            }

            error = CheckCharacters(host, out reason);
            if (error != ConfigError.None)
            {
                return error;
            }

            if (LooksLikeIpv4(host))
            {
                reason = "an IP address is not allowed; name the host so its certificate can be checked";
                return ConfigError.HostIsIpLiteral;
            }

            if (host.Length > MaxHostChars)
            {
                reason = "longer than " + MaxHostChars.ToString() + " characters";
                return ConfigError.HostTooLong;
            }

            return CheckLabels(host, out reason);
        }

        private static ConfigError CheckEndpointShape(string host, out string reason)
        {
            reason = "";
            if (host.IndexOf("://") >= 0 || StartsWithScheme(host))
            {
                reason = "a scheme is not allowed; give the host name only (the device always uses TLS on port " + EgressGate.AgencyPort.ToString() + ")";
                return ConfigError.SchemeNotAllowed;
            }

            if (host.IndexOf('@') >= 0)
            {
                reason = "user information ('@') is not allowed";
                return ConfigError.UserInfoNotAllowed;
            }

            if (host.IndexOf('/') >= 0 || host.IndexOf('?') >= 0 || host.IndexOf('#') >= 0 || host.IndexOf('\\') >= 0)
            {
                reason = "a path, query or fragment is not allowed";
                return ConfigError.PathNotAllowed;
            }

            if (host.IndexOf('[') >= 0 || host.IndexOf(']') >= 0 || host.IndexOf(':') != host.LastIndexOf(':'))
            {
                reason = "an IPv6 address is not allowed; name the host";
                return ConfigError.HostIsIpLiteral;
            }

            if (host.IndexOf(':') >= 0)
            {
                reason = "a port is not allowed; the device always connects to port " + EgressGate.AgencyPort.ToString();
                return ConfigError.PortNotConfigurable;
            }

            if (host.IndexOf('*') >= 0)
            {
                reason = "wildcards are not allowed; name exactly one host";
                return ConfigError.HostWildcard;
            }

            return ConfigError.None;
        }

        private static bool StartsWithScheme(string host)
        {
            // "https:host" without slashes is still an attempt to give a scheme.
            int colon = host.IndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            string prefix = host.Substring(0, colon).ToLower();
            return prefix == "http" || prefix == "https" || prefix == "tcp" || prefix == "tls" || prefix == "ftp" || prefix == "wss" || prefix == "ws";
        }

        private static ConfigError CheckCharacters(string host, out string reason)
        {
            reason = "";
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c >= 'A' && c <= 'Z')
                {
                    reason = "uppercase letters are not allowed; write the name in lowercase exactly as certified";
                    return ConfigError.HostNotLowercase;
                }

                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                {
                    reason = "only letters a-z, digits, '-' and '.' are allowed";
                    return ConfigError.HostInvalidCharacter;
                }
            }

            if (host.Length > 0 && host[host.Length - 1] == '.')
            {
                reason = "a trailing dot is not allowed";
                return ConfigError.HostTrailingDot;
            }

            return ConfigError.None;
        }

        private static ConfigError CheckLabels(string host, out string reason)
        {
            reason = "";
            int labels = 0;
            int start = 0;
            while (start <= host.Length)
            {
                int dot = host.IndexOf('.', start);
                int end = dot < 0 ? host.Length : dot;
                ConfigError error = CheckLabel(host, start, end, out reason);
                if (error != ConfigError.None)
                {
                    return error;
                }

                labels++;
                if (dot < 0)
                {
                    break;
                }

                start = dot + 1;
            }

            if (labels < 2)
            {
                reason = "a single-label name is not allowed; give the fully qualified name";
                return ConfigError.HostSingleLabel;
            }

            char top = host[host.LastIndexOf('.') + 1];
            if (top < 'a' || top > 'z')
            {
                reason = "the top-level label must start with a letter (RFC 3696 §2)";
                return ConfigError.HostNumericTopLabel;
            }

            return ConfigError.None;
        }

        private static ConfigError CheckLabel(string host, int start, int end, out string reason)
        {
            reason = "";
            int length = end - start;
            if (length == 0)
            {
                reason = "empty label ('..' or leading '.')";
                return ConfigError.HostEmptyLabel;
            }

            if (length > MaxLabelChars)
            {
                reason = "a label is longer than " + MaxLabelChars.ToString() + " characters";
                return ConfigError.HostLabelTooLong;
            }

            if (host[start] == '-' || host[end - 1] == '-')
            {
                reason = "a label may not start or end with '-'";
                return ConfigError.HostLabelHyphen;
            }

            if (length >= 4 && host[start + 2] == '-' && host[start + 3] == '-')
            {
                // RFC 5891 §4.2.3.1: "??--" labels are reserved; "xn--" is punycode.
                reason = "internationalised (xn--) or reserved '??--' labels are not allowed";
                return ConfigError.HostPunycode;
            }

            return ConfigError.None;
        }

        /// <summary>
        /// True when every label is a number in a form inet_aton would accept (decimal, 0-prefixed
        /// octal, 0x hex): "127.0.0.1", "2130706433", "0x7f.1", "017700000001".
        /// </summary>
        /// <summary>
        /// True for a dotted-decimal IPv4 address a host can be reached at: four numbers 0-255 without
        /// leading zeros (the one spelling every resolver and firewall reads alike), not in 0/8
        /// ("this network"), 127/8 (loopback) or 224/3 (multicast and reserved), RFC 6890.
        /// </summary>
        public static bool IsUnicastIpv4(string address)
        {
            int parts = 0;
            int first = -1;
            int start = 0;
            for (int i = 0; i <= address.Length; i++)
            {
                if (i < address.Length && address[i] != '.')
                {
                    continue;
                }

                int value = DecimalPart(address, start, i);
                if (value < 0 || ++parts > 4)
                {
                    return false;
                }

                first = parts == 1 ? value : first;
                start = i + 1;
            }

            return parts == 4 && first != 0 && first != 127 && first < 224;
        }

        // The value of address[start..end) as a canonical decimal 0-255, or -1.
        private static int DecimalPart(string address, int start, int end)
        {
            int length = end - start;
            if (length < 1 || length > 3 || (length > 1 && address[start] == '0'))
            {
                return -1;
            }

            int value = 0;
            for (int i = start; i < end; i++)
            {
                char c = address[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value <= 255 ? value : -1;
        }

        private static bool LooksLikeIpv4(string host)
        {
            int start = 0;
            while (true)
            {
                int dot = host.IndexOf('.', start);
                int end = dot < 0 ? host.Length : dot;
                if (!IsNumberLabel(host, start, end))
                {
                    return false;
                }

                if (dot < 0)
                {
                    return true;
                }

                start = dot + 1;
            }
        }

        private static bool IsNumberLabel(string host, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }

            bool hex = end - start >= 2 && host[start] == '0' && host[start + 1] == 'x';
            for (int i = hex ? start + 2 : start; i < end; i++)
            {
                char c = host[i];
                bool digit = c >= '0' && c <= '9';
                if (!digit && !(hex && c >= 'a' && c <= 'f'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

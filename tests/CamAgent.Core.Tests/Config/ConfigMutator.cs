using System.Text;
using CamAgent.Core.Config;
using CamAgent.Core.Tests.Support;

namespace CamAgent.Core.Tests.Config;

/// <summary>
/// Generates invalid configurations from a valid one, one mutation each, together with the error
/// the mutation must cause. Every operator is built so that its result is invalid for exactly
/// the stated reason (so the oracle is exact, not "anything but ok").
/// </summary>
public sealed class ConfigMutator
{
    private static readonly string[] Schemes = ["http://", "https://", "HTTPS://", "tls://", "ftp://", "https:", "wss://"];
    private static readonly string[] PortKeys = ["port", "agency.port", "upload.port", "tls.port", "agency.host_port", "wifi.portal_port"];
    private static readonly string[] RequiredKeys = ["config.version", "config.serial", "device.id", "agency.host", "agency.ca", "device.certificate", "device.signer", "receipt.key", "wifi.ssid", "device.key"];
    private const string BadHostChars = "_!$%&'()+,;<=>^`{|}~\" ";

    private readonly TestCredentials _creds;

    public ConfigMutator(TestCredentials creds) => _creds = creds;

    public (byte[] Text, ConfigError Expected, string What) Next(Random rng, long serial)
    {
        var f = _creds.Fields(serial);
        int op = rng.Next(24);
        switch (op)
        {
            case 0:
                string missing = RequiredKeys[rng.Next(RequiredKeys.Length)];
                f.RemoveAt(f.FindIndex(x => x.Key == missing));
                return (Render(f), ConfigError.MissingField, "remove " + missing);
            case 1:
                int dup = rng.Next(f.Count);
                f.Insert(rng.Next(dup + 1, f.Count + 1), f[dup]);
                return (Render(f), ConfigError.DuplicateKey, "duplicate " + f[dup].Key);
            case 2:
                f.Insert(rng.Next(f.Count + 1), new(RandomUnknownKey(rng), RandomWord(rng, 8)));
                return (Render(f), ConfigError.UnknownKey, "unknown key");
            case 3:
                f.Insert(rng.Next(f.Count + 1), new(PortKeys[rng.Next(PortKeys.Length)], rng.Next(1, 65536).ToString()));
                return (Render(f), ConfigError.PortNotConfigurable, "port key");
            case 4:
                return Host(f, TestCredentials.Host + ":" + rng.Next(0, 65536), ConfigError.PortNotConfigurable);
            case 5:
                return Host(f, Schemes[rng.Next(Schemes.Length)] + TestCredentials.Host + (rng.Next(2) == 0 ? "/" : ""), ConfigError.SchemeNotAllowed);
            case 6:
                return Host(f, RandomIpv4(rng), ConfigError.HostIsIpLiteral);
            case 7:
                return Host(f, UppercaseOne(rng, TestCredentials.Host), ConfigError.HostNotLowercase);
            case 8:
                return Host(f, InsertAt(rng, TestCredentials.Host, BadHostChars[rng.Next(BadHostChars.Length)].ToString()), ConfigError.HostInvalidCharacter);
            case 9:
                return Host(f, HostVariant(rng, out ConfigError hostError), hostError);
            case 10:
                return Field(f, "agency.ca", CorruptBase64(rng, Convert.ToBase64String(_creds.AgencyCaDer)), ConfigError.InvalidBase64);
            case 11:
                return Field(f, PickCert(rng), Convert.ToBase64String(TruncateOrExtend(rng, rng.Next(2) == 0 ? _creds.AgencyCaDer : _creds.DeviceCertificateDer)), ConfigError.CertificateMalformed);
            case 12:
                return Field(f, "device.key", Convert.ToBase64String(RandomBytes(rng, 32)), ConfigError.CredentialMismatch);
            case 13:
                return Field(f, "device.key", Convert.ToBase64String(RandomBytes(rng, RandomLengthExcept(rng, 32, 48))), ConfigError.DeviceKeyInvalid);
            case 14:
                return Field(f, "receipt.key", Convert.ToBase64String(BadPoint(rng)), ConfigError.ReceiptKeyInvalid);
            case 15:
                return Field(f, "device.id", "cam-" + rng.Next(10000, 99999), ConfigError.DeviceIdMismatch);
            case 16:
                return Field(f, "upload.chunk_size_bytes", BadChunk(rng, out ConfigError chunkError), chunkError);
            case 17:
                return Field(f, "wifi.password", new string('p', rng.Next(1, 8)), ConfigError.WifiPasswordInvalid);
            case 18:
                return Field(f, "config.version", rng.Next(2, 100).ToString(), ConfigError.UnsupportedVersion);
            case 19:
                return Field(f, "device.signer", RandomWord(rng, 6), ConfigError.SignerKindUnknown);
            case 20:
                return InjectByte(rng, Render(f), (byte)rng.Next(0x80, 0x100), ConfigError.NotPrintableAscii);
            case 21:
                return InjectByte(rng, Render(f), (byte)'\r', ConfigError.CarriageReturn);
            case 22:
                f.Insert(rng.Next(f.Count + 1), new(RandomWord(rng, 6), ""));
                byte[] text = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Render(f)).Replace(f.Find(x => x.Value == "").Key + " = ", f.Find(x => x.Value == "").Key + " "));
                return (text, ConfigError.MalformedLine, "line without '='");
            default:
                return Field(f, "agency.ca", Convert.ToBase64String(_creds.DeviceCertificateDer), ConfigError.AgencyCaNotCertificateAuthority);
        }
    }

    private static byte[] Render(List<KeyValuePair<string, string>> f) => TestCredentials.Render(f);

    private static (byte[], ConfigError, string) Field(List<KeyValuePair<string, string>> f, string key, string value, ConfigError expected)
    {
        int i = f.FindIndex(x => x.Key == key);
        f[i] = new(key, value);
        return (Render(f), expected, key + " = " + value);
    }

    private static (byte[], ConfigError, string) Host(List<KeyValuePair<string, string>> f, string host, ConfigError expected) => Field(f, "agency.host", host, expected);

    private static (byte[], ConfigError, string) InjectByte(Random rng, byte[] text, byte value, ConfigError expected)
    {
        int at = rng.Next(text.Length);
        byte[] result = [.. text.AsSpan(0, at), value, .. text.AsSpan(at)];
        return (result, expected, $"byte 0x{value:X2} at {at}");
    }

    private static string RandomWord(Random rng, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)('a' + rng.Next(26));
        }

        return new string(chars);
    }

    private static string RandomUnknownKey(Random rng)
    {
        while (true)
        {
            string key = RandomWord(rng, rng.Next(2, 6)) + "." + RandomWord(rng, rng.Next(2, 8));
            if (ConfigKeys.IndexOf(key) < 0 && !key.Contains("port") && !key.Contains("url") && !key.Contains("uri") && !key.Contains("endpoint") && !key.Contains("scheme"))
            {
                return key;
            }
        }
    }

    private static string RandomIpv4(Random rng)
    {
        uint address = (uint)rng.NextInt64(0, 1L << 32);
        byte[] b = BitConverter.GetBytes(address);
        return rng.Next(6) switch
        {
            0 => $"{b[0]}.{b[1]}.{b[2]}.{b[3]}",
            1 => address.ToString(),
            2 => "0x" + address.ToString("x"),
            3 => "0" + Convert.ToString(b[0], 8) + "." + b[1] + "." + b[2] + "." + b[3],
            4 => $"0x{b[0]:x}.{b[1] * 65536 + b[2] * 256 + b[3]}",
            _ => $"[2001:db8::{b[0]:x}{b[1]:x2}]",
        };
    }

    private static string UppercaseOne(Random rng, string host)
    {
        int[] letters = Enumerable.Range(0, host.Length).Where(i => char.IsAsciiLetterLower(host[i])).ToArray();
        int at = letters[rng.Next(letters.Length)];
        return host[..at] + char.ToUpperInvariant(host[at]) + host[(at + 1)..];
    }

    private static string InsertAt(Random rng, string s, string insert)
    {
        // Inside a label, never at the ends (a space at an end would be trimmed away).
        int at = rng.Next(1, s.Length - 1);
        return s[..at] + insert + s[at..];
    }

    private static string HostVariant(Random rng, out ConfigError error)
    {
        switch (rng.Next(8))
        {
            case 0: error = ConfigError.HostWildcard; return "*." + TestCredentials.Host;
            case 1: error = ConfigError.HostTrailingDot; return TestCredentials.Host + ".";
            case 2: error = ConfigError.HostPunycode; return "xn--" + RandomWord(rng, rng.Next(3, 10)) + "." + TestCredentials.Host;
            case 3: error = ConfigError.HostEmptyLabel; return TestCredentials.Host.Replace(".", "..");
            case 4: error = ConfigError.HostLabelTooLong; return RandomWord(rng, rng.Next(64, 100)) + ".example";
            case 5: error = ConfigError.HostSingleLabel; return RandomWord(rng, rng.Next(1, 20));
            case 6: error = ConfigError.HostLabelHyphen; return "-" + TestCredentials.Host;
            default: error = ConfigError.HostNumericTopLabel; return TestCredentials.Host + "." + rng.Next(0, 1000);
        }
    }

    private static string PickCert(Random rng) => rng.Next(2) == 0 ? "agency.ca" : "device.certificate";

    private static string CorruptBase64(Random rng, string b64)
    {
        return rng.Next(4) switch
        {
            0 => b64[..^1],
            1 => InsertAt(rng, b64, "-"),
            2 => b64.Replace('+', '-').Replace('/', '_') + (b64.Contains('+') || b64.Contains('/') ? "" : "!!!!"),
            _ => InsertAt(rng, b64, "===="),
        };
    }

    private static byte[] TruncateOrExtend(Random rng, byte[] der)
    {
        return rng.Next(2) == 0 ? der[..rng.Next(1, der.Length)] : [.. der, .. RandomBytes(rng, rng.Next(1, 16))];
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        byte[] b = new byte[n];
        rng.NextBytes(b);
        b[0] = (byte)(b[0] & 0x7F | 0x01); // a valid, non-zero scalar below n when 32 bytes long
        return b;
    }

    private static int RandomLengthExcept(Random rng, int except, int max)
    {
        int n;
        do
        {
            n = rng.Next(1, max);
        }
        while (n == except);
        return n;
    }

    private static byte[] BadPoint(Random rng)
    {
        byte[] p = RandomBytes(rng, rng.Next(2) == 0 ? 65 : RandomLengthExcept(rng, 65, 90));
        if (p.Length == 65)
        {
            p[0] = (byte)(rng.Next(2) == 0 ? 0x02 : 0x00);
        }

        return p;
    }

    private static string BadChunk(Random rng, out ConfigError error)
    {
        switch (rng.Next(4))
        {
            case 0: error = ConfigError.OutOfRange; return (1 << rng.Next(15, 24)).ToString();
            case 1: error = ConfigError.OutOfRange; return rng.Next(1, 4096).ToString();
            case 2: error = ConfigError.ChunkSizeInvalid; return (rng.Next(4097, 16384) | 1).ToString();
            default: error = ConfigError.InvalidNumber; return "0" + rng.Next(4096, 16384);
        }
    }
}

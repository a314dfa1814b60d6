using System.Text;
using CamAgent.Core.Config;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Writes and pre-checks the device configuration text (format version 1, docs/agent.md §3):
/// printable ASCII, LF line ends, "key = value", canonical base64 and decimals. The device's own
/// validator (Core, CamAgent.Core.Config) stays the authority; these checks refuse on the host,
/// before anything is signed, the mistakes an operator can make (SSID, password, chunk size).
/// </summary>
public static class DeviceConfigText
{
    public const int FormatVersion = 1;

    /// <summary>docs/agent.md §3.1: the device refuses larger configurations.</summary>
    public const int MaxConfigBytes = ConfigLimits.MaxConfigBytes;

    // The device's own bounds (src/CamAgent.Core.Agent/Config/ConfigLimits.cs), never a copy.
    private const int MaxSsidChars = ConfigLimits.MaxSsidBytes;
    private const int MinPassphraseChars = ConfigLimits.MinPassphraseChars;
    private const int MaxPassphraseChars = ConfigLimits.MaxPassphraseChars;
    private const int RawPskHexChars = ConfigLimits.RawPskHexChars;
    private const int MinChunkSizeBytes = ConfigLimits.MinChunkSizeBytes;
    private const int MaxChunkSizeBytes = ConfigLimits.MaxChunkSizeBytes;

    /// <summary>Null when the operator-supplied values are acceptable; otherwise a sentence naming the field.</summary>
    public static string? Check(DeviceConfigSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.WifiSsid.Length is 0 or > MaxSsidChars || !IsPrintableAscii(s.WifiSsid) || s.WifiSsid.Trim() != s.WifiSsid)
        {
            return $"The Wi-Fi SSID must be 1 to {MaxSsidChars} printable ASCII characters without leading or trailing spaces.";
        }

        if (s.AgencyAddress is not null && !CamAgent.Core.Config.HostNameRule.IsUnicastIpv4(s.AgencyAddress))
        {
            return "The agency address must be a unicast IPv4 address in dotted-decimal form (for example 198.51.100.10).";
        }

        if (s.WifiPassword is { Length: > 0 } password && !IsValidPassword(password))
        {
            return $"The Wi-Fi password must be {MinPassphraseChars} to {MaxPassphraseChars} printable ASCII characters without leading or trailing spaces (WPA2 passphrase) or {RawPskHexChars} hex digits (raw PSK).";
        }

        if (s.ChunkSizeBytes is int chunk && (chunk < MinChunkSizeBytes || chunk > MaxChunkSizeBytes || (chunk & (chunk - 1)) != 0))
        {
            return $"The chunk size must be a power of two from {MinChunkSizeBytes} to {MaxChunkSizeBytes} bytes.";
        }

        return Write(s).Length > MaxConfigBytes ? $"The configuration would exceed the device's {MaxConfigBytes}-byte limit." : null;
    }

    /// <summary>The configuration text, one byte form only (LF line ends, fixed key order).</summary>
    public static byte[] Write(DeviceConfigSettings s)
    {
        var text = new StringBuilder();
        text.Append("# CamAgent device configuration, made by camagent bundle create\n");
        Line(text, "config.version", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(text, "config.serial", s.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(text, "device.id", s.DeviceId);
        Line(text, "agency.host", s.AgencyHost);
        if (s.AgencyAddress is not null)
        {
            Line(text, "agency.address", s.AgencyAddress);
        }
        Line(text, "agency.ca", Convert.ToBase64String(s.AgencyCaDer));
        Line(text, "device.certificate", Convert.ToBase64String(s.DeviceCertificateDer));
        Line(text, "device.signer", s.DevicePrivateKey is null ? "secure-element" : "software");
        if (s.DevicePrivateKey is not null)
        {
            Line(text, "device.key", Convert.ToBase64String(s.DevicePrivateKey));
        }

        Line(text, "receipt.key", Convert.ToBase64String(s.ReceiptPublicKey));
        Line(text, "wifi.ssid", s.WifiSsid);
        if (!string.IsNullOrEmpty(s.WifiPassword))
        {
            Line(text, "wifi.password", s.WifiPassword);
        }

        if (s.ChunkSizeBytes is int chunk)
        {
            Line(text, "upload.chunk_size_bytes", chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The value of <paramref name="key"/> in configuration text, or null (for display and checks on the host).</summary>
    public static string? Value(string configText, string key)
    {
        foreach (string line in configText.Split('\n'))
        {
            int equals = line.IndexOf('=');
            if (!line.TrimStart().StartsWith('#') && equals > 0 && line[..equals].Trim() == key)
            {
                return line[(equals + 1)..].Trim();
            }
        }

        return null;
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append(" = ").Append(value).Append('\n');

    private static bool IsValidPassword(string password) =>
        password.Length == RawPskHexChars ? password.All(char.IsAsciiHexDigit)
            : password.Length is >= MinPassphraseChars and <= MaxPassphraseChars && IsPrintableAscii(password) && password.Trim() == password;

    private static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');
}

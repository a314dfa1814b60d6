using System.Text.RegularExpressions;

namespace CamAgent.Provisioning;

/// <summary>
/// Syntax of the names the PKI hands out. A device id becomes a certificate CN, a folder name on the
/// ingest server and part of an upload URL, so it is kept to lowercase letters, digits and inner
/// hyphens (no dots, so no validator ever mistakes it for a host name).
/// </summary>
public static partial class Names
{
    /// <summary>Longest device id: fits a 64-character CN with room to spare and stays readable on labels.</summary>
    public const int MaxDeviceIdLength = 32;

    /// <summary>
    /// Agency names go into O= and into CNs such as "&lt;agency&gt; CamAgent Receipt Signing" (25 more
    /// characters); X.520 limits a CN to 64 characters (ub-common-name), hence 39.
    /// </summary>
    public const int MaxAgencyNameLength = 39;

    /// <summary>RFC 1035 §2.3.4 limits.</summary>
    public const int MaxHostNameLength = 253;

    public static bool IsValidDeviceId(string? deviceId) => deviceId is not null && DeviceIdPattern().IsMatch(deviceId);

    /// <summary>A lowercase DNS name of at least two LDH labels (RFC 1123 §2.1); no IP literals, wildcards or trailing dot.</summary>
    public static bool IsValidHostName(string? hostName)
    {
        if (hostName is null || hostName.Length > MaxHostNameLength || !HostNamePattern().IsMatch(hostName))
        {
            return false;
        }

        string lastLabel = hostName[(hostName.LastIndexOf('.') + 1)..];
        return !lastLabel.All(char.IsAsciiDigit);
    }

    public const string DeviceIdRule = "1 to 32 characters: lowercase letters a-z, digits and hyphens, starting and ending with a letter or digit";

    public const string HostNameRule = "a lowercase DNS name with at least two labels (letters, digits, inner hyphens), no IP address, wildcard, port or trailing dot";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostNamePattern();
}

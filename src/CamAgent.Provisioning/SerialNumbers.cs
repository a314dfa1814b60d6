using System.Security.Cryptography;

namespace CamAgent.Provisioning;

/// <summary>
/// Certificate serial numbers: random (RFC 5280 §4.1.2.2: unique per CA, positive, at most 20 octets),
/// with the top byte forced into 0x40..0x7F so the DER integer is positive, has no leading zero octet
/// and always prints as exactly 32 uppercase hex digits, the form the revocation list uses.
/// </summary>
public static class SerialNumbers
{
    private const byte ClearSignBit = 0x7F;
    private const byte ForceNonZeroHighNibble = 0x40;

    public static byte[] NewSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(PkiPolicy.SerialNumberBytes);
        serial[0] = (byte)((serial[0] & ClearSignBit) | ForceNonZeroHighNibble);
        return serial;
    }

    /// <summary>Canonical text of a serial as printed by X509Certificate2.SerialNumber: uppercase hex, leading zero octets removed.</summary>
    public static string Canonical(string serialHex)
    {
        ArgumentNullException.ThrowIfNull(serialHex);
        string upper = serialHex.Trim().ToUpperInvariant();
        int start = 0;
        while (start + 2 < upper.Length && upper[start] == '0' && upper[start + 1] == '0')
        {
            start += 2;
        }

        return upper[start..];
    }
}

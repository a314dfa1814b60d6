using System.Globalization;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Upload ids are "&lt;device-id&gt;-&lt;sequence as 20 digits&gt;" (docs/upload-protocol.md §3.2, Location), so
/// the owner of an upload is visible in its id and one record has exactly one id.
/// </summary>
public static class UploadId
{
    /// <summary>Digits of a sequence number in ids and file names: ulong.MaxValue has 20.</summary>
    public const int SequenceDigits = 20;

    public static string Format(string deviceId, ulong sequence)
    {
        return deviceId + "-" + FormatSequence(sequence);
    }

    public static string FormatSequence(ulong sequence)
    {
        return sequence.ToString("D20", CultureInfo.InvariantCulture);
    }

    /// <summary>Splits an id; false when it is not of the form above.</summary>
    public static bool TryParse(string id, out string deviceId, out ulong sequence)
    {
        deviceId = "";
        sequence = 0;
        int dash = id.LastIndexOf('-');
        if (dash <= 0 || id.Length - dash - 1 != SequenceDigits)
        {
            return false;
        }

        string digits = id[(dash + 1)..];
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        string device = id[..dash];
        if (!DeviceIdentity.IsValidDeviceId(device)
            || !ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        deviceId = device;
        return true;
    }
}

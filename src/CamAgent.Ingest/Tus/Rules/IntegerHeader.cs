using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CamAgent.Ingest.Tus.Rules;

/// <summary>
/// Reads the non-negative integer headers of tus 1.0.0 (Upload-Offset, Upload-Length): exactly
/// one value of ASCII digits that fits a signed 64-bit integer. Signs, spaces, decimals,
/// exponents, lists and overflow are malformed.
/// </summary>
public static class IntegerHeader
{
    /// <summary>long.MaxValue has 19 digits.</summary>
    private const int MaxDigits = 19;

    public static bool TryRead(IHeaderDictionary headers, string name, out long value, out bool present)
    {
        value = 0;
        StringValues values = headers[name];
        present = values.Count > 0;
        if (values.Count != 1)
        {
            return false;
        }

        string text = values[0] ?? "";
        if (text.Length is 0 or > MaxDigits)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

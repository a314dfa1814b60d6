namespace CamAgent.Verification.Revocation;

/// <summary>
/// The agency's revocation list format (docs/ingest-server.md §3.2), its one reader: UTF-8 text;
/// everything from <c>#</c> to the end of a line is a comment; blank lines are ignored; every other
/// line holds exactly one certificate serial number in hexadecimal (case-insensitive, no separators,
/// no <c>0x</c>, at most 40 digits: RFC 5280 §4.1.2.2 serials are at most 20 octets). Serials are
/// compared as numbers: uppercase, leading zeros ignored. The ingest server watches the file with
/// it (fail closed on a malformed list); `camagent revoke` writes it (CamAgent.Provisioning).
/// </summary>
public sealed class RevocationList
{
    /// <summary>The first line of a list the CLI creates.</summary>
    public const string Header = "# CamAgent revocation list: one certificate serial (hex) per line; '#' starts a comment.";

    private const int MaxSerialHexDigits = 40;

    private readonly HashSet<string> serials;

    private RevocationList(HashSet<string> serials)
    {
        this.serials = serials;
    }

    /// <summary>The revoked serials, normalised (<see cref="Normalize"/>).</summary>
    public IReadOnlyCollection<string> Serials => serials;

    public static RevocationList Empty => new(new HashSet<string>(StringComparer.Ordinal));

    public bool IsRevoked(string serialHex) => serials.Contains(Normalize(serialHex));

    /// <summary>A serial as the list compares it: uppercase hex without leading zeros ("0" for zero).</summary>
    public static string Normalize(string serialHex)
    {
        ArgumentNullException.ThrowIfNull(serialHex);
        string trimmed = serialHex.Trim().TrimStart('0').ToUpperInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    /// <summary>One list line for <paramref name="serialHex"/>, with a comment on the same line.</summary>
    public static string Line(string serialHex, string comment) =>
        Normalize(serialHex) + "  # " + comment.Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Parses the list; on failure <paramref name="problem"/> names the line and what is wrong with it.</summary>
    public static bool TryParse(string text, out RevocationList list, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index];
            int comment = line.IndexOf('#', StringComparison.Ordinal);
            string value = (comment >= 0 ? line[..comment] : line).Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (value.Length > MaxSerialHexDigits || !value.All(char.IsAsciiHexDigit))
            {
                list = Empty;
                problem = $"line {index + 1}: '{value}' is not a hexadecimal serial number of at most {MaxSerialHexDigits} digits.";
                return false;
            }

            found.Add(Normalize(value));
        }

        list = new RevocationList(found);
        problem = string.Empty;
        return true;
    }
}

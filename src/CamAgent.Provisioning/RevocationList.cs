using System.Text;

namespace CamAgent.Provisioning;

/// <summary>
/// The revocation list the ingest server reads (<c>&lt;pki&gt;/revoked-serials.txt</c>). Format, UTF-8 text:
/// everything from <c>#</c> to the end of a line is a comment; blank lines are ignored; every other
/// line holds exactly one certificate serial number in hexadecimal (case-insensitive, no separators,
/// no <c>0x</c>). Serials are compared in canonical form (<see cref="SerialNumbers.Canonical"/>).
/// The CLI only ever appends (rewriting the whole file atomically), so a reader sees the old list or
/// the new one; readers re-read it when its modification time changes.
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

    /// <summary>The revoked serials, canonical form.</summary>
    public IReadOnlyCollection<string> Serials => serials;

    public static RevocationList Empty => new(new HashSet<string>(StringComparer.Ordinal));

    public bool IsRevoked(string serialHex) => serials.Contains(SerialNumbers.Canonical(serialHex));

    /// <summary>Parses the list; on failure <paramref name="problem"/> names the line and what is wrong with it.</summary>
    public static bool TryParse(string text, out RevocationList list, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index];
            int comment = line.IndexOf('#');
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

            found.Add(SerialNumbers.Canonical(value));
        }

        list = new RevocationList(found);
        problem = string.Empty;
        return true;
    }

    /// <summary>Reads the list at <paramref name="path"/>; a missing file is an empty list.</summary>
    public static PkiResult<RevocationList> Load(string path)
    {
        if (!File.Exists(path))
        {
            return PkiResult<RevocationList>.Success(Empty);
        }

        return TryParse(File.ReadAllText(path), out RevocationList list, out string problem)
            ? PkiResult<RevocationList>.Success(list)
            : PkiResult<RevocationList>.Fail(PkiError.BadInput, $"The revocation list {path} is malformed at {problem}");
    }

    /// <summary>
    /// Appends <paramref name="serialsToAdd"/> (those not yet listed) with a comment to the list at
    /// <paramref name="path"/>, atomically. Returns how many were added.
    /// </summary>
    public static PkiResult<int> Append(string path, IEnumerable<string> serialsToAdd, string comment)
    {
        PkiResult<RevocationList> current = Load(path);
        if (!current.Ok)
        {
            return current.As<int>();
        }

        string existing = File.Exists(path) ? File.ReadAllText(path) : Header + "\n";
        var text = new StringBuilder(existing);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }

        int added = 0;
        foreach (string serial in serialsToAdd)
        {
            if (current.Value!.IsRevoked(serial))
            {
                continue;
            }

            text.Append(SerialNumbers.Canonical(serial)).Append("  # ").Append(comment.Replace('\n', ' ')).Append('\n');
            added++;
        }

        if (added > 0)
        {
            SecureFile.WriteText(path, text.ToString(), secret: false, overwrite: true);
        }

        return PkiResult<int>.Success(added);
    }
}

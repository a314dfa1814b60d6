using System.Text;
using CamAgent.Verification.Revocation;

namespace CamAgent.Provisioning;

/// <summary>
/// The revocation list file in the PKI folder (<c>&lt;pki&gt;/revoked-serials.txt</c>), in the
/// format of <see cref="RevocationList"/>. The CLI only ever appends (rewriting the whole file
/// atomically), so a reader sees the old list or the new one; the ingest server re-reads it when it
/// changes.
/// </summary>
public static class RevocationListFile
{
    /// <summary>Reads the list at <paramref name="path"/>; a missing file is an empty list.</summary>
    public static PkiResult<RevocationList> Load(string path)
    {
        if (!File.Exists(path))
        {
            return PkiResult<RevocationList>.Success(RevocationList.Empty);
        }

        return RevocationList.TryParse(File.ReadAllText(path), out RevocationList list, out string problem)
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

        string existing = File.Exists(path) ? File.ReadAllText(path) : RevocationList.Header + "\n";
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

            text.Append(RevocationList.Line(serial, comment)).Append('\n');
            added++;
        }

        if (added > 0)
        {
            SecureFile.WriteText(path, text.ToString(), secret: false, overwrite: true);
        }

        return PkiResult<int>.Success(added);
    }
}

namespace CamAgent.Provisioning.Boards;

/// <summary>The board profiles in one folder (boards/ in the repository, copied beside the camagent executable).</summary>
public sealed class BoardCatalog
{
    /// <summary>Profiles are small; anything larger is not a profile.</summary>
    public const int MaxProfileBytes = 16 * 1024;

    public BoardCatalog(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary>The profile names (file names without .json), sorted.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Reads and validates one profile; <see cref="PkiError.NotFound"/> for an unknown name.</summary>
    public PkiResult<BoardValidation> Load(string name)
    {
        if (!Names().Contains(name, StringComparer.Ordinal))
        {
            return PkiResult<BoardValidation>.Fail(PkiError.NotFound,
                $"Unknown board '{name}'. Known boards: {string.Join(", ", Names())} (in {Folder}).");
        }

        string path = Path.Combine(Folder, name + ".json");
        if (!SecureFile.TryReadSmallText(path, MaxProfileBytes, out string json, out string problem))
        {
            return PkiResult<BoardValidation>.Fail(PkiError.BadInput, problem);
        }

        return PkiResult<BoardValidation>.Success(BoardProfileValidator.Read(json, name));
    }
}

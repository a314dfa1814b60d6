namespace CamAgent.SubsetCheck;

/// <summary>
/// The allowlisted nanoFramework methods whose last parameter is a <c>params</c> array (a fact
/// documentation-comment IDs cannot carry). Listed from the same sources and commits as the
/// allowlist. .NET adds fixed-arity overloads of some of them (String.Format(string, object),
/// String.Concat(object, object)...); a call that binds to one of those on .NET binds, unchanged,
/// to the params overload on nanoFramework, with the same meaning, so it is accepted.
/// </summary>
public static class NanoFrameworkParams
{
    public static readonly IReadOnlyList<string> Methods =
    [
        "M:System.String.Concat(System.Object[])",
        "M:System.String.Concat(System.String[])",
        "M:System.String.Format(System.String,System.Object[])",
        "M:System.String.Split(System.Char[])",
        "M:System.String.Trim(System.Char[])",
        "M:System.String.TrimEnd(System.Char[])",
        "M:System.String.TrimStart(System.Char[])",
        "M:System.Diagnostics.CodeAnalysis.MemberNotNullAttribute.#ctor(System.String[])",
        "M:System.Diagnostics.CodeAnalysis.MemberNotNullWhenAttribute.#ctor(System.Boolean,System.String[])",
    ];

    /// <summary>
    /// True when <paramref name="documentationId"/> (a .NET method) is an expanded form of one of
    /// <see cref="Methods"/> that is on <paramref name="allowlist"/>: same type and name, same
    /// leading parameters, and every further parameter of the params element type.
    /// </summary>
    public static bool IsExpandedFormOfParamsMethod(string documentationId, Allowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        if (!TrySplit(documentationId, out string name, out string[] parameters))
        {
            return false;
        }

        foreach (string candidate in Methods.Where(allowlist.Contains))
        {
            TrySplit(candidate, out string candidateName, out string[] candidateParameters);
            int fixedCount = candidateParameters.Length - 1;
            string element = candidateParameters[^1][..^2];
            if (candidateName == name
                && parameters.Length >= fixedCount
                && parameters.Take(fixedCount).SequenceEqual(candidateParameters.Take(fixedCount))
                && parameters.Skip(fixedCount).All(parameter => parameter == element))
            {
                return true;
            }
        }

        return false;
    }

    // Parameter types in these IDs are never generic, so a plain split on ',' is exact.
    private static bool TrySplit(string documentationId, out string name, out string[] parameters)
    {
        int open = documentationId.IndexOf('(', StringComparison.Ordinal);
        if (!documentationId.StartsWith("M:", StringComparison.Ordinal) || open < 0 || !documentationId.EndsWith(')'))
        {
            name = documentationId;
            parameters = [];
            return false;
        }

        name = documentationId[..open];
        string list = documentationId[(open + 1)..^1];
        parameters = list.Length == 0 ? [] : list.Split(',');
        return true;
    }
}

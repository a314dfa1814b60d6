using System.Text.RegularExpressions;

namespace CamAgent.DeviceBuild.Projects;

/// <summary>
/// The part of MSBuild's expression language classic .nfproj files use: <c>$(Property)</c>
/// expansion and conditions made of quoted strings compared with == or != (case-insensitive),
/// <c>Exists('path')</c>, <c>!</c>, <c>and</c>, <c>or</c> and parentheses. Anything else is
/// refused with a message rather than guessed.
/// </summary>
public sealed partial class MsBuildExpressions
{
    private readonly Dictionary<string, string> _properties;
    private readonly string _projectDirectory;
    private List<string> _tokens = [];
    private int _position;

    public MsBuildExpressions(Dictionary<string, string> properties, string projectDirectory)
    {
        _properties = properties;
        _projectDirectory = projectDirectory;
    }

    /// <summary>Replaces every $(Name) by the property's value (empty when unset).</summary>
    public string Expand(string text) =>
        PropertyReference().Replace(text, m => _properties.TryGetValue(m.Groups["name"].Value, out string? value) ? value : string.Empty);

    /// <summary>True when the condition holds; an absent or blank condition holds.</summary>
    public bool Holds(string? condition)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        _tokens = Token().Matches(Expand(condition)).Select(m => m.Value).ToList();
        _position = 0;
        bool value = Or();
        if (_position != _tokens.Count)
        {
            throw Unsupported(condition);
        }

        return value;
    }

    private bool Or()
    {
        bool value = And();
        while (Accept("or"))
        {
            value = And() | value;
        }

        return value;
    }

    private bool And()
    {
        bool value = Unary();
        while (Accept("and"))
        {
            value = Unary() & value;
        }

        return value;
    }

    private bool Unary()
    {
        if (Accept("!"))
        {
            return !Unary();
        }

        if (Accept("("))
        {
            bool inner = Or();
            Expect(")");
            return inner;
        }

        if (Accept("Exists"))
        {
            Expect("(");
            string path = Quoted();
            Expect(")");
            string full = Path.GetFullPath(Path.Combine(_projectDirectory, path.Replace('\\', '/')));
            return File.Exists(full) || Directory.Exists(full);
        }

        return Comparison();
    }

    private bool Comparison()
    {
        string left = Quoted();
        if (Accept("=="))
        {
            return string.Equals(left, Quoted(), StringComparison.OrdinalIgnoreCase);
        }

        if (Accept("!="))
        {
            return !string.Equals(left, Quoted(), StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(left.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    private string Quoted()
    {
        if (_position >= _tokens.Count || !_tokens[_position].StartsWith('\''))
        {
            throw Unsupported(string.Join(' ', _tokens));
        }

        string token = _tokens[_position++];
        return token[1..^1];
    }

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && string.Equals(_tokens[_position], token, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Unsupported(string.Join(' ', _tokens));
        }
    }

    private static NfProjectException Unsupported(string condition) =>
        new($"unsupported MSBuild condition: {condition}");

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"'[^']*'|==|!=|!|\(|\)|[A-Za-z]+|\S")]
    private static partial Regex Token();
}

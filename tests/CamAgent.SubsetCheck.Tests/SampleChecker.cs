using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace CamAgent.SubsetCheck.Tests;

/// <summary>
/// Checks one sample file on its own, with the real reference assemblies and the checked-in
/// allowlist, and reads the violations a sample declares with "// expect: NFS0NN[, NFS0NN]".
/// </summary>
internal static partial class SampleChecker
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References =
        new(() => ReferenceAssemblies.Load(ReferenceAssemblies.Locate()));

    private static readonly Lazy<Allowlist> CheckedInAllowlist = new(() => Allowlist.Load(TestPaths.AllowlistFile));

    public static Allowlist Allowlist => CheckedInAllowlist.Value;

    public static IReadOnlyList<MetadataReference> ReferenceSet => References.Value;

    public static IReadOnlyList<Violation> Check(string file) =>
        SubsetChecker.Analyse(CoreSources.Compile([file], References.Value), CheckedInAllowlist.Value);

    /// <summary>The (line, rule) pairs a sample declares, in file order.</summary>
    public static IReadOnlyList<(int Line, string RuleId)> Expected(string file)
    {
        var expected = new List<(int, string)>();
        string[] lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = ExpectMarker().Match(lines[i]);
            if (marker.Success)
            {
                expected.AddRange(marker.Groups["rules"].Value.Split(',').Select(rule => (i + 1, rule.Trim())));
            }
        }

        return expected;
    }

    public static IEnumerable<object[]> Files(string folder) =>
        Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal).Select(path => new object[] { Path.GetFileName(path) });

    [GeneratedRegex(@"//\s*expect:\s*(?<rules>NFS\d{3}(\s*,\s*NFS\d{3})*)\s*$")]
    private static partial Regex ExpectMarker();
}

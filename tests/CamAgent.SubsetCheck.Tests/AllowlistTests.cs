using System.Text.RegularExpressions;

namespace CamAgent.SubsetCheck.Tests;

public sealed partial class AllowlistTests
{
    [Fact]
    public void Checked_In_Allowlist_Parses_Without_Malformed_Lines_Or_Duplicates()
    {
        Allowlist allowlist = Allowlist.Load(TestPaths.AllowlistFile);

        Assert.Empty(allowlist.Problems);
        Assert.True(allowlist.Count > 3000, $"only {allowlist.Count} entries");
    }

    [Fact]
    public void Every_Section_Names_The_Repository_Commit_It_Was_Listed_From()
    {
        string[] lines = File.ReadAllLines(TestPaths.AllowlistFile);
        string[] packages = lines.Where(line => line.StartsWith("## package: ", StringComparison.Ordinal)).ToArray();
        string[] sources = lines.Where(line => line.StartsWith("## source: ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(14, packages.Length);
        Assert.Equal(packages.Length, sources.Length);
        Assert.All(sources, source => Assert.Matches(SourceLine(), source));
    }

    [Theory]
    [InlineData("M:System.Array.Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)")]
    [InlineData("M:System.Text.Encoding.GetString(System.Byte[],System.Int32,System.Int32)")]
    [InlineData("P:System.Text.Encoding.UTF8")]
    [InlineData("M:System.Security.Cryptography.HMACSHA256.ComputeHash(System.Byte[])")]
    [InlineData("P:System.Environment.TickCount64")]
    [InlineData("T:System.Collections.Hashtable")]
    [InlineData("M:System.Math.Min(System.Int32,System.Int32)")]
    [InlineData("M:System.Net.Security.SslStream.AuthenticateAsClient(System.String,System.Security.Cryptography.X509Certificates.X509Certificate,System.Security.Cryptography.X509Certificates.X509Certificate,System.Net.Security.SslProtocols)")]
    [InlineData("M:System.Device.I2c.I2cDevice.WriteRead(System.SpanByte,System.SpanByte)")]
    public void Contains_Apis_Core_Relies_On(string id)
    {
        Assert.True(SampleChecker.Allowlist.Contains(id), id);
    }

    [Theory]
    [InlineData("M:System.Buffer.BlockCopy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)")]
    [InlineData("M:System.Text.Encoding.GetString(System.Byte[])")]
    [InlineData("M:System.String.Join(System.String,System.String[])")]
    [InlineData("T:System.Decimal")]
    [InlineData("M:System.Math.Clamp(System.Int32,System.Int32,System.Int32)")]
    public void Lacks_Apis_NanoFramework_Does_Not_Have(string id)
    {
        Assert.False(SampleChecker.Allowlist.Contains(id), id);
    }

    [Fact]
    public void Parse_Reports_Duplicates_And_Malformed_Lines_With_Their_Line_Numbers()
    {
        string[] lines =
        [
            "# comment",
            "T:System.Object",
            "",
            "T:System.Object",
            "System.String",
            "M:System.String.Concat(System.String, System.String)",
        ];

        Allowlist allowlist = Allowlist.Parse(lines);

        Assert.Equal(1, allowlist.Count);
        Assert.Equal(
            ["line 4: duplicate: T:System.Object",
             "line 5: not a documentation-comment ID: System.String",
             "line 6: not a documentation-comment ID: M:System.String.Concat(System.String, System.String)"],
            allowlist.Problems);
    }

    [GeneratedRegex(@"^## source:  https://github\.com/nanoframework/[\w.]+ @ [0-9a-f]{40} \(branch main, version\.json \d+\.\d+\)$")]
    private static partial Regex SourceLine();
}

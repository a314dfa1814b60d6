using System.Text;
using CamAgent.Cli;
using CamAgent.Ingest.Audit;
using CamAgent.Verification.Audit;
using CamAgent.Ingest.Tests.Support;

namespace CamAgent.Ingest.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string LogPath => _temp.Combine("audit.log");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Chain_Verifies_And_Continues_After_Reopening()
    {
        WriteEntries(3);
        WriteEntries(2);

        AuditVerification result = AuditLogVerifier.Verify(LogPath);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(5, result.Lines);
    }

    [Theory]
    [InlineData("edit", 3)]
    [InlineData("delete", 3)]
    [InlineData("insert", 3)]
    [InlineData("swap", 2)]
    public void Detects_A_Tampered_Line_Where_The_Chain_Breaks(string tampering, long expectedBadLine)
    {
        WriteEntries(5);
        List<string> lines = File.ReadAllLines(LogPath).ToList();
        switch (tampering)
        {
            case "edit":
                // An edited line still links to its predecessor; the line after it no longer links to it,
                // and the verifier names the edited line itself.
                lines[2] = lines[2].Replace("\"accept\"", "\"reject\"", StringComparison.Ordinal);
                break;
            case "delete":
                lines.RemoveAt(2);
                break;
            case "insert":
                lines.Insert(2, lines[1]);
                break;
            case "swap":
                (lines[1], lines[2]) = (lines[2], lines[1]);
                break;
        }

        File.WriteAllText(LogPath, string.Join('\n', lines) + "\n");

        AuditVerification result = AuditLogVerifier.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(expectedBadLine, result.FirstBadLine);
    }

    [Fact]
    public void Audit_Verify_Names_An_Edited_Second_Line_And_Only_The_First_As_Intact()
    {
        WriteEntries(4);
        string[] lines = File.ReadAllLines(LogPath);
        lines[1] = lines[1].Replace("\"created\"", "\"terminated\"", StringComparison.Ordinal);
        File.WriteAllText(LogPath, string.Join('\n', lines) + "\n");
        var output = new StringWriter();

        int exit = Program.Run(["audit", "verify", "--log", LogPath], new CliContext(output, new StringWriter(), new StringReader("")));

        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("BROKEN at line 2: altered", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("The 1 line(s) before it are intact", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Forged_Line_Inserted_With_A_Correct_Number_And_Link_Is_Named()
    {
        WriteEntries(4);
        List<string> lines = File.ReadAllLines(LogPath).ToList();
        string forged = lines[1].Replace("\"n\":2", "\"n\":3", StringComparison.Ordinal)
            .Replace(System.Text.Json.JsonDocument.Parse(lines[1]).RootElement.GetProperty("prev").GetString()!, HashOf(lines[1]), StringComparison.Ordinal);
        lines.Insert(2, forged);
        File.WriteAllText(LogPath, string.Join('\n', lines) + "\n");

        AuditVerification result = AuditLogVerifier.Verify(LogPath);

        Assert.Equal(3, result.FirstBadLine);
        Assert.StartsWith("inserted", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Detects_A_Line_That_Is_Not_Json()
    {
        WriteEntries(2);
        File.AppendAllText(LogPath, "garbage\n");

        AuditVerification result = AuditLogVerifier.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Equal("not a valid JSON object", result.Problem);
    }

    [Fact]
    public void Audit_Verify_Verb_Exits_0_For_An_Intact_Log_And_1_For_A_Broken_One()
    {
        WriteEntries(4);
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), new StringReader(""));

        int intact = Program.Run(["audit", "verify", "--log", LogPath], context);
        string lastLine = File.ReadAllLines(LogPath)[^1];
        File.WriteAllText(LogPath, File.ReadAllText(LogPath).Replace("\"n\":2", "\"n\":7", StringComparison.Ordinal));
        int broken = Program.Run(["audit", "verify", "--log", LogPath], context);
        int missing = Program.Run(["audit", "verify", "--log", _temp.Combine("absent.log")], context);

        Assert.Equal(ExitCodes.Ok, intact);
        Assert.Equal(ExitCodes.Invalid, broken);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("Audit log intact: 4 line(s)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("BROKEN at line 2", output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(lastLine);
    }

    [Fact]
    public void Records_Every_Field_In_A_Stable_Order()
    {
        using (AuditLog log = AuditLog.Open(LogPath, TimeProvider.System))
        {
            log.Append(new AuditEntry(AuditEntry.Reject, "patch", "offset-mismatch", 409, "cam-1", "4A1B", "127.0.0.1:5000", "cam-1-00000000000000000007", 7));
        }

        string line = File.ReadAllText(LogPath, Encoding.UTF8);

        Assert.Matches("^\\{\"n\":1,\"time\":\"[0-9T:.-]+Z\",\"prev\":\"0{64}\",\"outcome\":\"reject\",\"op\":\"patch\",\"code\":\"offset-mismatch\",\"status\":409,\"device\":\"cam-1\",\"serial\":\"4A1B\",\"remote\":\"127.0.0.1:5000\",\"upload\":\"cam-1-00000000000000000007\",\"sequence\":7\\}\n$", line);
    }

    private static string HashOf(string line) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    private void WriteEntries(int count)
    {
        using AuditLog log = AuditLog.Open(LogPath, TimeProvider.System);
        for (int i = 0; i < count; i++)
        {
            log.Append(new AuditEntry(i % 2 == 0 ? AuditEntry.Accept : AuditEntry.Reject, "create", "created", 201, "cam-1"));
        }
    }
}

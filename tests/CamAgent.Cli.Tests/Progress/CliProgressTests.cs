using CamAgent.Cli.Progress;
using Spectre.Console;

namespace CamAgent.Cli.Tests.Progress;

/// <summary>Long work shows a progress bar on a terminal and plain lines elsewhere; short work shows nothing.</summary>
public sealed class CliProgressTests
{
    [Fact]
    public void Without_A_Terminal_Progress_Is_Plain_Lines_With_The_Count()
    {
        var error = new StringWriter();
        var progress = new PlainProgress(error, "verify", "checking records", 3, TimeSpan.Zero);

        progress.Update(1, 3, "records");
        progress.Update(2, 3, "records");
        progress.Update(3, 3, "records");
        progress.Finish();

        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("verify: checking records: 1/3 (records)", lines[0]);
        Assert.StartsWith("verify: checking records: 3/3 done in ", lines[^1]);
    }

    [Fact]
    public void Work_Shorter_Than_The_Interval_Prints_No_Progress()
    {
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, TextReader.Null);

        int result = CliProgress.Run(context, "enrol", "enrolling devices", 2, progress =>
        {
            progress.Update(1, 2, "cam-1");
            progress.Update(2, 2, "cam-2");
            return 7;
        });

        Assert.Equal(7, result);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void On_A_Terminal_Progress_Is_A_Bar()
    {
        var screen = new StringWriter();
        IAnsiConsole terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(screen),
        });
        var context = new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, terminal);

        CliProgress.Run(context, "verify", "checking records", 4, progress =>
        {
            for (int i = 1; i <= 4; i++)
            {
                progress.Update(i, 4, "records");
            }

            return 0;
        });

        Assert.Contains("checking records", screen.ToString());
        Assert.Contains("100%", screen.ToString());
    }

    [Fact]
    public void Lines_Written_Above_A_Bar_Are_Wrapped_Below_The_Terminal_Width()
    {
        string line = "✓ [8/13] " + string.Join(' ', Enumerable.Repeat("offset 262,144 bytes", 12));

        string[] rows = TerminalLineWriter.Rows(line, 60).ToArray();

        Assert.True(rows.Length > 1);
        Assert.All(rows, row => Assert.True(row.Length <= 60, row));
        Assert.Equal(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), string.Join(' ', rows).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

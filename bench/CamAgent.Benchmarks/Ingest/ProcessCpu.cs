using System.Diagnostics;
using System.Globalization;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// Processor time (user + system) a server process has used so far, so a run can report what the
/// server spent per MiB apart from the cameras it shares the machine with.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Seconds of processor time <paramref name="process"/> has used (Linux: utime + stime from /proc/&lt;pid&gt;/stat), or NaN where that cannot be read.</summary>
    public static double Seconds(Process process)
    {
        string stat = $"/proc/{process.Id}/stat";
        if (!File.Exists(stat))
        {
            return double.NaN;
        }

        // Fields after the command name (which may hold spaces, inside parentheses): state is
        // field 3, utime 14 and stime 15, in clock ticks (USER_HZ, 100 on Linux).
        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>"N ms per MiB (P % of a core)" for <paramref name="cpuSeconds"/> over <paramref name="wallSeconds"/> carrying <paramref name="mebibytes"/>.</summary>
    public static string Describe(double cpuSeconds, double wallSeconds, double mebibytes)
    {
        return double.IsNaN(cpuSeconds)
            ? "n/a (no /proc on this system)"
            : $"{cpuSeconds * 1000 / mebibytes:F1} ms per MiB ({cpuSeconds / wallSeconds * 100:F0} % of one core)";
    }
}

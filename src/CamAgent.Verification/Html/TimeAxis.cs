using System.Globalization;

namespace CamAgent.Verification.Html;

/// <summary>
/// Maps UTC times to x positions of a timeline and chooses its ticks: a round step (1 ms to 1 day)
/// that gives at most <see cref="MaxTicks"/> divisions, labelled as precisely as the step needs.
/// </summary>
public sealed class TimeAxis
{
    /// <summary>More divisions than this crowd the tick labels at A4 width.</summary>
    public const int MaxTicks = 7;

    /// <summary>The shortest span drawn: a record of a few milliseconds still gets a readable axis.</summary>
    public const long MinSpanMs = 1000;

    private static readonly long[] Steps =
    [
        1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ];

    private TimeAxis(long startMs, long endMs, double left, double width)
    {
        StartMs = startMs;
        EndMs = endMs;
        Left = left;
        Width = width;
        StepMs = Steps.FirstOrDefault(s => (endMs - startMs) / s <= MaxTicks, Steps[^1]);
    }

    public long StartMs { get; }

    public long EndMs { get; }

    public double Left { get; }

    public double Width { get; }

    public long StepMs { get; }

    /// <summary>An axis over <paramref name="firstMs"/>..<paramref name="lastMs"/> (Unix ms) with a margin on both sides.</summary>
    public static TimeAxis For(long firstMs, long lastMs, double left, double width)
    {
        long span = Math.Max(lastMs - firstMs, MinSpanMs);
        long middle = firstMs + ((lastMs - firstMs) / 2);
        long half = (span / 2) + (span / 20);
        return new TimeAxis(middle - half, middle + half, left, width);
    }

    /// <summary>The x position of <paramref name="unixMs"/>.</summary>
    public double X(long unixMs) => Left + ((double)(unixMs - StartMs) / (EndMs - StartMs) * Width);

    /// <summary>Tick times inside the axis.</summary>
    public IEnumerable<long> Ticks()
    {
        long first = ((StartMs / StepMs) + 1) * StepMs;
        for (long t = first; t < EndMs; t += StepMs)
        {
            yield return t;
        }
    }

    /// <summary>A tick label: hours and minutes, plus seconds and milliseconds when the step needs them.</summary>
    public string Label(long unixMs)
    {
        DateTime time = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;
        string format = StepMs < 1_000 ? "HH:mm:ss.fff" : StepMs < 60_000 ? "HH:mm:ss" : "HH:mm";
        return time.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>"1 division = 200 ms" and the like.</summary>
    public string StepText() => StepMs switch
    {
        < 1_000 => $"{StepMs} ms",
        < 60_000 => $"{StepMs / 1_000} s",
        < 3_600_000 => $"{StepMs / 60_000} min",
        _ => $"{StepMs / 3_600_000} h",
    };
}

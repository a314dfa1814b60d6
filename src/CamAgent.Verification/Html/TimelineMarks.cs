using System.Globalization;

namespace CamAgent.Verification.Html;

/// <summary>The marks of each timeline lane (see <see cref="TimelineSvg"/>).</summary>
public static class TimelineMarks
{
    /// <summary>Narrower marks than this (in view units) are widened so they stay visible.</summary>
    private const double MinMarkWidth = 2;

    /// <summary>Labels closer than this to the previous one are left out (the mark keeps its tooltip).</summary>
    private const double MinLabelGap = 56;

    public static void Recordings(SvgBuilder svg, TimeAxis axis, List<RecordSummary> records, double y, double height)
    {
        foreach (IGrouping<long, RecordSummary> recording in records.Where(r => r.RecordingId is not null).GroupBy(r => r.RecordingId!.Value))
        {
            RecordSummary? start = recording.FirstOrDefault(r => r.Kind == "recordingStart");
            RecordSummary? stop = recording.LastOrDefault(r => r.Kind == "recordingStop");
            long from = TimelineSvg.Ms((start ?? recording.First()).WallStart!.Value);
            long to = TimelineSvg.Ms((stop ?? recording.Last()).WallEnd!.Value);
            double x = axis.X(from);
            double width = Math.Max(axis.X(to) - x, MinMarkWidth);
            string open = stop is null ? "; no stop record yet" : string.Empty;
            svg.Rect(x, y, width, height, "recording", $"recording {recording.Key}: records {recording.First().Sequence} to {recording.Last().Sequence}{open}");
            if (width > 70)
            {
                svg.Text(x + 4, y + 15, 10, "label-on-dark", $"recording {recording.Key}");
            }
        }
    }

    /// <summary>Every uncertainty band first, then every segment on top, so no band hides a segment.</summary>
    public static void Segments(SvgBuilder svg, TimeAxis axis, List<RecordSummary> records, double y, double height)
    {
        List<RecordSummary> segments = records.Where(r => r.Kind == ReportNames.Segment).ToList();
        foreach (RecordSummary r in segments.Where(r => r.ClockState is "valid" or "stepped"))
        {
            long start = TimelineSvg.Ms(r.WallStart!.Value) - r.UncertaintyMs;
            long end = TimelineSvg.Ms(r.WallEnd!.Value) + r.UncertaintyMs;
            svg.Rect(axis.X(start), y + 4, axis.X(end) - axis.X(start), height - 8, r.Status != ReportNames.Verified ? "band error" : "band", $"record {r.Sequence}: clock uncertainty ±{r.UncertaintyMs} ms");
        }

        foreach (RecordSummary r in segments)
        {
            string state = r.Status != ReportNames.Verified ? "error" : r.ClockState is "valid" or "stepped" ? "ok" : "unattested";
            double x = axis.X(TimelineSvg.Ms(r.WallStart!.Value));
            double width = Math.Max(axis.X(TimelineSvg.Ms(r.WallEnd!.Value)) - x, MinMarkWidth);
            svg.Rect(x, y + 1, width, height - 2, "segment " + state, Describe(r));
            if (width > 16)
            {
                svg.Text(x + (width / 2), y + 15, 9, "label-on-dark", r.Sequence.ToString(CultureInfo.InvariantCulture), anchor: "middle");
            }
        }
    }

    /// <summary>Sequence numbers with no record (findings Missing and DeclaredGap), between their neighbours in time.</summary>
    public static void Gaps(SvgBuilder svg, TimeAxis axis, DeviceReport device, double y, double height)
    {
        List<RecordSummary> timed = device.Records.Where(r => r.WallEnd is not null).OrderBy(r => r.Sequence).ToList();
        foreach (Finding gap in device.Findings.Where(f => f.Sequence is not null && f.Kind is FindingKind.Missing or FindingKind.DeclaredGap))
        {
            long sequence = gap.Sequence!.Value;
            RecordSummary? before = timed.LastOrDefault(r => r.Sequence < sequence);
            RecordSummary? after = timed.FirstOrDefault(r => r.Sequence > sequence);
            if (before is null && after is null)
            {
                continue;
            }

            long at = before is not null && after is not null
                ? (TimelineSvg.Ms(before.WallEnd!.Value) + TimelineSvg.Ms(after.WallStart!.Value)) / 2
                : TimelineSvg.Ms((before ?? after)!.WallEnd!.Value);
            string kind = gap.Kind == FindingKind.Missing ? "missing" : "declared";
            double x = axis.X(at);
            svg.Line(x - 5, y + 2, x + 5, y + height - 2, "gap " + kind);
            svg.Line(x + 5, y + 2, x - 5, y + height - 2, "gap " + kind);
            svg.Text(x, y - 2, 9, "gap-label " + kind, $"{(gap.Kind == FindingKind.Missing ? "missing" : "gap")} {sequence}", anchor: "middle");
        }
    }

    public static void Events(SvgBuilder svg, TimeAxis axis, List<RecordSummary> records, double y)
    {
        double lastLabel = double.MinValue;
        foreach (RecordSummary r in records.Where(r => r.Kind != ReportNames.Segment))
        {
            double x = axis.X(TimelineSvg.Ms(r.WallStart!.Value));
            bool error = r.Status != ReportNames.Verified;
            svg.Diamond(x, y, 5, error ? "event error" : "event", Describe(r));
            if (x - lastLabel >= MinLabelGap)
            {
                svg.Text(x + 7, y + 4, 9, "label", ReportNames.Words(r.Kind));
                lastLabel = x;
            }
        }
    }

    public static void Receipts(SvgBuilder svg, TimeAxis axis, List<RecordSummary> records, double fromY, double y)
    {
        foreach (RecordSummary r in records.Where(r => r.ReceivedAt is not null))
        {
            double x = axis.X(TimelineSvg.Ms(r.ReceivedAt!.Value));
            double from = axis.X(TimelineSvg.Ms(r.WallEnd!.Value));
            svg.Line(from, fromY, x, y, "receipt-link");
            svg.Circle(x, y, 3.5, "receipt", $"record {r.Sequence} received by the server at {HtmlReportWriter.Time(r.ReceivedAt.Value)} UTC (signed receipt)");
        }
    }

    private static string Describe(RecordSummary r)
    {
        string clock = r.ClockState is "valid" or "stepped" ? $"±{r.UncertaintyMs} ms" : "clock not attested";
        return $"record {r.Sequence}, {ReportNames.Words(r.Kind)}: {HtmlReportWriter.Time(r.WallStart!.Value)} to {HtmlReportWriter.Time(r.WallEnd!.Value)} UTC ({clock}); {ReportNames.Words(r.Status)}";
    }
}

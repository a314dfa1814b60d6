using System.Globalization;
using System.Text;

namespace CamAgent.Verification.Html;

/// <summary>
/// One device's records as an inline SVG timeline (wall time, UTC, left to right) in four lanes:
/// recordings (start to stop), segments (the window in which each was closed, inside a lighter
/// band of the clock's uncertainty; red when altered or refused, grey when the clock proves no
/// time), continuity events, and the times the server's receipts say it received each record.
/// Sequence numbers with no record are marked in the segment lane (red: missing; amber: a gap the
/// device declared after a power loss).
/// </summary>
public static class TimelineSvg
{
    private const double ViewWidth = 720;
    private const double LabelWidth = 92;
    private const double PlotRight = 10;
    private const double AxisY = 22;
    private const double RecordingY = 30;
    private const double SegmentY = 60;
    private const double EventY = 96;
    private const double ReceiptY = 124;
    private const double BottomY = 142;
    private const double ViewHeight = 162;
    private const double LaneHeight = 22;

    public static string Render(DeviceReport device)
    {
        List<RecordSummary> timed = device.Records.Where(r => r.WallStart is not null && r.WallEnd is not null).ToList();
        if (timed.Count == 0)
        {
            return "<p>No record carries a time to draw.</p>\n";
        }

        long first = timed.Min(r => Ms(r.WallStart!.Value) - Band(r));
        long last = timed.Max(r => Math.Max(Ms(r.WallEnd!.Value) + Band(r), r.ReceivedAt is null ? long.MinValue : Ms(r.ReceivedAt.Value)));
        var axis = TimeAxis.For(first, last, LabelWidth, ViewWidth - LabelWidth - PlotRight);
        var svg = new SvgBuilder();
        svg.Open(ViewWidth, ViewHeight, $"Timeline of camera {device.DeviceId}");
        Lanes(svg, axis);
        TimelineMarks.Recordings(svg, axis, timed, RecordingY, LaneHeight);
        TimelineMarks.Segments(svg, axis, timed, SegmentY, LaneHeight);
        TimelineMarks.Gaps(svg, axis, device, SegmentY, LaneHeight);
        TimelineMarks.Events(svg, axis, timed, EventY);
        TimelineMarks.Receipts(svg, axis, timed, SegmentY + LaneHeight, ReceiptY);
        DateTime day = DateTimeOffset.FromUnixTimeMilliseconds(axis.StartMs).UtcDateTime;
        svg.Text(LabelWidth, ViewHeight - 6, 10, "caption", $"UTC, {day:yyyy-MM-dd}; one division = {axis.StepText()}");
        return svg.Close();
    }

    /// <summary>Unix milliseconds of a report time.</summary>
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Half-width of a record's uncertainty band in ms (none where the clock proves no time).</summary>
    public static long Band(RecordSummary record) => record.ClockState is "valid" or "stepped" ? record.UncertaintyMs : 0;

    private static void Lanes(SvgBuilder svg, TimeAxis axis)
    {
        foreach ((double y, string name) in new[] { (RecordingY, "Recordings"), (SegmentY, "Segments"), (EventY - 8, "Events"), (ReceiptY - 8, "Received") })
        {
            svg.Text(4, y + 15, 11, "lane", name);
        }

        svg.Line(LabelWidth, AxisY, ViewWidth - PlotRight, AxisY, "axis");
        foreach (long tick in axis.Ticks())
        {
            double x = axis.X(tick);
            svg.Line(x, AxisY, x, BottomY, "grid");
            svg.Text(x, AxisY - 6, 10, "tick", axis.Label(tick), anchor: "middle");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text;

namespace CamAgent.Verification.Html;

/// <summary>Writes the few SVG elements the timeline needs, with escaped text and invariant numbers.</summary>
public sealed class SvgBuilder
{
    private const string Style = """
        .lane { font-weight: 600; fill: #333; } .tick, .caption { fill: #444; } .axis { stroke: #888; } .grid { stroke: #e6e6e6; }
        .recording { fill: #5c6bc0; } .label-on-dark { fill: #fff; } .label { fill: #333; }
        .band { fill: #c8e6c9; } .band.error { fill: #ffcdd2; }
        .segment { stroke: #fff; stroke-width: 0.5; } .segment.ok { fill: #2e7d32; } .segment.error { fill: #c62828; } .segment.unattested { fill: #9e9e9e; stroke: #616161; stroke-dasharray: 2 1; }
        .event { fill: #37474f; } .event.error { fill: #c62828; }
        .receipt { fill: #1565c0; } .receipt-link { stroke: #1565c0; stroke-dasharray: 2 2; fill: none; }
        .gap { stroke-width: 2.5; } .gap.missing { stroke: #c62828; } .gap.declared { stroke: #ef6c00; }
        .gap-label.missing { fill: #c62828; } .gap-label.declared { fill: #8a4b00; }
        """;

    private readonly StringBuilder _svg = new();

    public void Open(double width, double height, string title)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\">\n");
        _svg.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
    }

    public string Close()
    {
        _svg.Append("</svg>\n");
        return _svg.ToString();
    }

    public void Rect(double x, double y, double width, double height, string cssClass, string? title = null)
    {
        _svg.Append(Invariant($"<rect class=\"{cssClass}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(width, 0):0.##}\" height=\"{height:0.##}\">"));
        Title(title, "rect");
    }

    public void Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _svg.Append(Invariant($"<line class=\"{cssClass}\" x1=\"{x1:0.##}\" y1=\"{y1:0.##}\" x2=\"{x2:0.##}\" y2=\"{y2:0.##}\"/>\n"));
    }

    public void Circle(double x, double y, double radius, string cssClass, string? title = null)
    {
        _svg.Append(Invariant($"<circle class=\"{cssClass}\" cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"{radius:0.##}\">"));
        Title(title, "circle");
    }

    /// <summary>A diamond centred on (x, y).</summary>
    public void Diamond(double x, double y, double half, string cssClass, string? title = null)
    {
        _svg.Append(Invariant($"<path class=\"{cssClass}\" d=\"M{x:0.##} {y - half:0.##} L{x + half:0.##} {y:0.##} L{x:0.##} {y + half:0.##} L{x - half:0.##} {y:0.##} Z\">"));
        Title(title, "path");
    }

    public void Text(double x, double y, double size, string cssClass, string text, string anchor = "start")
    {
        _svg.Append(Invariant($"<text class=\"{cssClass}\" x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"{size:0.##}\" text-anchor=\"{anchor}\">")).Append(E(text)).Append("</text>\n");
    }

    private void Title(string? title, string element)
    {
        if (title is not null)
        {
            _svg.Append("<title>").Append(E(title)).Append("</title>");
        }

        _svg.Append("</").Append(element).Append(">\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

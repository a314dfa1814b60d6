namespace CamAgent.Verification.Html;

/// <summary>
/// The report page's one style sheet, inline: no fonts, images or scripts are fetched. Sized for
/// A4 portrait (180 mm of text width); findings and invalid records are red, warnings amber.
/// </summary>
public static class HtmlStyle
{
    /// <summary>Red of errors: findings, refused records, the NOT VALID verdict (the browser test checks it).</summary>
    public const string ErrorRed = "#b71c1c";

    public const string Css = """
        @page { size: A4 portrait; margin: 14mm 15mm; }
        * { box-sizing: border-box; }
        body { font: 10.5pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
        h1 { font-size: 20pt; margin: 0 0 2mm; }
        h2 { font-size: 14pt; margin: 8mm 0 2mm; border-bottom: 1px solid #888; padding-bottom: 1mm; }
        h3 { font-size: 11pt; margin: 5mm 0 1.5mm; }
        p { margin: 1mm 0; }
        .verdict { border-radius: 2mm; padding: 4mm 5mm; color: #fff; }
        .verdict.valid { background: #1b5e20; }
        .verdict.invalid { background: #b71c1c; }
        .verdict p { font-size: 10pt; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0 2mm; }
        th, td { text-align: left; vertical-align: top; padding: 0.8mm 1.5mm; border-bottom: 1px solid #ddd; }
        th { background: #f0f0f0; font-weight: 600; white-space: nowrap; }
        td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .hex { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
        tr.finding.error td, tr.record.error td { color: #b71c1c; }
        tr.finding.error td:first-child { border-left: 2mm solid #b71c1c; font-weight: 700; }
        tr.finding.warning td { color: #8a4b00; }
        tr.finding.warning td:first-child { border-left: 2mm solid #ef6c00; }
        tr.finding.info td:first-child { border-left: 2mm solid #90a4ae; }
        .device-verdict.valid { color: #1b5e20; }
        .device-verdict.invalid { color: #b71c1c; }
        figure.timeline { margin: 2mm 0; break-inside: avoid; }
        figure.timeline svg { width: 100%; height: auto; display: block; border: 1px solid #ccc; background: #fff; }
        figcaption { font-size: 8.5pt; color: #444; margin-top: 1mm; }
        .swatch { display: inline-block; width: 3.2mm; height: 3.2mm; vertical-align: -0.5mm; margin: 0 1mm 0 3mm; border: 1px solid #666; }
        ul.checked { margin: 1mm 0; padding-left: 5mm; }
        footer { margin-top: 8mm; font-size: 8pt; color: #555; border-top: 1px solid #aaa; padding-top: 2mm; }
        section.device { break-before: auto; }
        @media print { h2 { break-after: avoid; } tr { break-inside: avoid; } }
        """;
}

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CamAgent.SubsetCheck;

/// <summary>
/// String formatting rules. Without DefaultInterpolatedStringHandler (nanoFramework has none)
/// the compiler lowers an interpolated string to String.Format(string, object[]) or
/// String.Concat. nanoFramework's String.Format handles {index} and {index,alignment} itself but
/// formats {index:format} by looking up ToString(string) through reflection, which allocates on
/// every call and throws on firmware built without reflection. So a format specifier is written
/// as an explicit value.ToString("X2") call, which the allowlist checks like any other call.
/// </summary>
public static partial class FormatRules
{
    /// <summary>Checks an interpolated string: string target only, no format specifiers.</summary>
    public static void CheckInterpolation(IInterpolatedStringOperation interpolated, ViolationSink sink)
    {
        IOperation? parent = interpolated.Parent;
        ITypeSymbol? target = parent is IConversionOperation conversion ? conversion.Type : interpolated.Type;
        if (target?.SpecialType != SpecialType.System_String)
        {
            sink.Report(interpolated.Syntax, RuleIds.Formatting,
                $"interpolated string converted to '{target?.ToDisplayString()}': only string interpolation is supported (FormattableString and handlers are absent)");
        }

        foreach (IInterpolationOperation hole in interpolated.Parts.OfType<IInterpolationOperation>())
        {
            if (hole.FormatString != null)
            {
                sink.Report(hole.FormatString.Syntax, RuleIds.Formatting,
                    "format specifier in an interpolation hole: nanoFramework applies it through reflection; call ToString(format) explicitly");
            }
        }
    }

    /// <summary>Checks a call to String.Format (or StringBuilder.AppendFormat) with a constant composite format.</summary>
    public static void CheckCompositeFormat(IInvocationOperation invocation, ViolationSink sink)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name != "Format" || method.ContainingType.SpecialType != SpecialType.System_String)
        {
            return;
        }

        IArgumentOperation? format = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "format");
        if (format?.Value.ConstantValue is { HasValue: true, Value: string text } && FormatItemWithSpecifier().IsMatch(Unescape(text)))
        {
            sink.Report(format.Value.Syntax, RuleIds.Formatting,
                "composite format item with a format specifier ({n:...}): nanoFramework applies it through reflection; call ToString(format) explicitly");
        }
    }

    // Escaped braces ({{ and }}) are literal text, not format items.
    private static string Unescape(string text) => text.Replace("{{", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"\{\s*\d+\s*(,\s*-?\d+\s*)?:")]
    private static partial Regex FormatItemWithSpecifier();
}

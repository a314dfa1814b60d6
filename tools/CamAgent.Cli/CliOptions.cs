using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CamAgent.Cli;

/// <summary>
/// The options several verbs share, made in one place so one thing has one name everywhere:
/// --pki (the agency PKI folder), --store (an evidence store), --device (a device id), --board,
/// --bundle, --serial-port (a serial device) as opposed to --port (a TCP port), --out (a file
/// to write), --json, --boards.
/// </summary>
public static partial class CliOptions
{
    public static Option<string> Pki(bool required = true) => Text("--pki", "DIR", "the agency PKI folder (made by 'camagent pki init')", required);

    public static Option<string> Store(string description, bool required = true) => Text("--store", "DIR", description, required);

    public static Option<string> Device(string description, bool required = false) => Text("--device", "ID", description, required);

    public static Option<string> Board(string description = "a board profile name ('camagent board list')") => Text("--board", "NAME", description, required: true);

    public static Option<string> Out(string description) => Text("--out", "FILE", description, required: true);

    public static Option<bool> Json(string description = "print JSON instead of text") => new("--json") { Description = description };

    public static Option<string> Boards() => Text(BoardFolder.Option, "DIR", $"board profile folder (default: ${BoardFolder.EnvironmentVariable}, else boards/ beside camagent)", required: false);

    /// <summary>--serial-port: a serial device, checked to look like one (a TCP port is --port).</summary>
    public static Option<string> SerialPort()
    {
        Option<string> option = Text("--serial-port", "PORT", "serial device of the module (/dev/ttyUSB0, /dev/ttyACM0, COM5)", required: true);
        option.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !SerialPortPattern().IsMatch(value))
            {
                result.AddError($"'{value}' does not look like a serial port (/dev/ttyUSB0, /dev/ttyACM0, /dev/cu.usbserial-1410, COM5).");
            }
        });
        return option;
    }

    public static Option<string> Text(string name, string helpName, string description, bool required) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>A whole number of at least <paramref name="minimum"/>; anything else is a usage error that says so.</summary>
    public static Option<long> Number(string name, string helpName, string description, long minimum, long? fallback = null, long maximum = long.MaxValue)
    {
        var option = new Option<long>(name) { Description = description, HelpName = helpName, CustomParser = result => Parse(result, name, minimum, maximum) };
        if (fallback is long value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static long Parse(ArgumentResult result, string name, long minimum, long maximum)
    {
        string text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        string range = maximum == long.MaxValue ? $"of at least {minimum}" : $"from {minimum} to {maximum}";
        result.AddError($"{name} needs a whole number {range}, not '{text}'.");
        return 0;
    }

    /// <summary>
    /// The words typed for <paramref name="option"/>, read inside a validator (where converting a
    /// value that already failed its own checks would throw).
    /// </summary>
    public static string[] Typed(CommandResult result, Option option) =>
        result.GetResult(option) is { } given ? given.Tokens.Select(t => t.Value).ToArray() : [];

    /// <summary>True when <paramref name="option"/> was typed on the command line (not just defaulted).</summary>
    public static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Adds a usage error unless exactly one of <paramref name="first"/> and <paramref name="second"/> was given.</summary>
    public static void ExactlyOne(CommandResult result, Option first, Option second)
    {
        if (Given(result, first) == Given(result, second))
        {
            result.AddError($"give {first.Name} or {second.Name} (one of them).");
        }
    }

    [GeneratedRegex(@"^(/dev/[A-Za-z0-9._-]+|COM[0-9]{1,3})$")]
    private static partial Regex SerialPortPattern();
}

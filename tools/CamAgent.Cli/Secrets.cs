using System.CommandLine;

namespace CamAgent.Cli;

/// <summary>
/// Where one secret (a key passphrase, a Wi-Fi password) comes from: an environment variable whose
/// NAME is given on the command line, or one line of standard input. Never the command line itself,
/// which other users can read in the process list and shells keep in their history.
/// </summary>
public sealed class Secrets
{
    private Secrets(string option, string what)
    {
        What = what;
        Env = new Option<string>($"--{option}-env") { Description = $"read the {what} from environment variable VAR", HelpName = "VAR" };
        Stdin = new Option<bool>($"--{option}-stdin") { Description = $"read the {what} from the first line of standard input" };
    }

    public string What { get; }

    public Option<string> Env { get; }

    public Option<bool> Stdin { get; }

    public IEnumerable<Option> Options => [Env, Stdin];

    /// <summary>The CA key passphrase (--passphrase-env VAR | --passphrase-stdin).</summary>
    public static Secrets Passphrase() => new("passphrase", "CA key passphrase");

    /// <summary>The Wi-Fi password of a device bundle (--wifi-password-env VAR | --wifi-password-stdin).</summary>
    public static Secrets WifiPassword() => new("wifi-password", "Wi-Fi password");

    /// <summary>
    /// The secret the user pointed at, or null when none was asked for. Fails (with a sentence)
    /// when both sources are given, the named variable is unset or empty, or standard input is empty.
    /// </summary>
    public bool TryRead(ParseResult parse, CliContext context, out string? secret, out string problem)
    {
        secret = null;
        problem = string.Empty;
        string? envName = parse.GetValue(Env);
        bool fromStdin = parse.GetValue(Stdin);
        if (envName is not null && fromStdin)
        {
            problem = $"give the {What} either from an environment variable or from standard input, not both.";
            return false;
        }

        if (envName is not null)
        {
            secret = Environment.GetEnvironmentVariable(envName);
            if (string.IsNullOrEmpty(secret))
            {
                problem = $"environment variable {envName} (named for the {What}) is not set or empty.";
                return false;
            }
        }
        else if (fromStdin)
        {
            secret = context.Input.ReadLine();
            if (string.IsNullOrEmpty(secret))
            {
                problem = $"standard input was empty; the {What} was expected on its first line.";
                return false;
            }
        }

        return true;
    }
}

namespace CamAgent.Cli;

/// <summary>
/// Where secrets (key passphrases, Wi-Fi passwords) come from: an environment variable whose NAME is
/// given on the command line, or one line of standard input. Never the command line itself, which
/// other users can read in the process list and shells keep in their history.
/// </summary>
public static class Secrets
{
    public const string PassphraseEnvOption = "--passphrase-env";
    public const string PassphraseStdinOption = "--passphrase-stdin";

    public static readonly string[] PassphraseValueOptions = { PassphraseEnvOption };
    public static readonly string[] PassphraseFlagOptions = { PassphraseStdinOption };

    public const string PassphraseHelp =
        "  --passphrase-env VAR   read the CA key passphrase from environment variable VAR\n" +
        "  --passphrase-stdin     read the CA key passphrase from the first line of standard input";

    /// <summary>
    /// The passphrase the user pointed at, or null when none was asked for. Fails (with a sentence)
    /// when the named variable is unset or empty, or standard input is empty.
    /// </summary>
    public static bool TryGetPassphrase(Arguments arguments, CliContext context, out string? passphrase, out string problem)
    {
        return TryRead(arguments.Value(PassphraseEnvOption), arguments.Flag(PassphraseStdinOption), "passphrase", context, out passphrase, out problem);
    }

    /// <summary>Reads a secret from environment variable <paramref name="envName"/> or, if <paramref name="fromStdin"/>, one line of stdin.</summary>
    public static bool TryRead(string? envName, bool fromStdin, string what, CliContext context, out string? secret, out string problem)
    {
        secret = null;
        problem = string.Empty;
        if (envName is not null && fromStdin)
        {
            problem = $"give the {what} either from an environment variable or from standard input, not both.";
            return false;
        }

        if (envName is not null)
        {
            secret = Environment.GetEnvironmentVariable(envName);
            if (string.IsNullOrEmpty(secret))
            {
                problem = $"environment variable {envName} (named for the {what}) is not set or empty.";
                return false;
            }
        }
        else if (fromStdin)
        {
            secret = context.Input.ReadLine();
            if (string.IsNullOrEmpty(secret))
            {
                problem = $"standard input was empty; the {what} was expected on its first line.";
                return false;
            }
        }

        return true;
    }
}

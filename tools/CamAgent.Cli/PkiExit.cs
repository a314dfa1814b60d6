using CamAgent.Provisioning;

namespace CamAgent.Cli;

/// <summary>Reports a refused PKI operation and maps it to its exit code.</summary>
public static class PkiExit
{
    public static int Code(PkiError error) => error switch
    {
        PkiError.None => ExitCodes.Ok,
        PkiError.BadInput => ExitCodes.BadInput,
        PkiError.CredentialRefused => ExitCodes.CredentialError,
        PkiError.Conflict => ExitCodes.Conflict,
        PkiError.NotFound => ExitCodes.NotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown PKI error."),
    };

    /// <summary>Prints "camagent VERB: MESSAGE" on the error stream and returns the exit code.</summary>
    public static int Report<T>(string verb, PkiResult<T> result, CliContext context)
    {
        context.Error.WriteLine($"camagent {verb}: {result.Message}");
        return Code(result.Error);
    }

    /// <summary>Prints a usage problem found after parsing and where to find help; returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int Usage(string verb, string problem, CliContext context)
    {
        context.Error.WriteLine($"camagent {verb}: {problem} Run 'camagent {verb} --help'.");
        return ExitCodes.Usage;
    }
}

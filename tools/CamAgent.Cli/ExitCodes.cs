namespace CamAgent.Cli;

/// <summary>
/// Exit codes of `camagent`, documented in docs/cli.md. Values are stable: scripts depend on them.
/// </summary>
public static class ExitCodes
{
    /// <summary>The verb did what was asked (for `verify` and `bundle verify`: the input is valid).</summary>
    public const int Ok = 0;

    /// <summary>`verify` and `bundle verify`: the input was read and is NOT valid (altered, or signed by someone else).</summary>
    public const int Invalid = 1;

    /// <summary>The command line was wrong: unknown verb, missing or malformed option.</summary>
    public const int Usage = 2;

    /// <summary>An input file was missing, unreadable or malformed.</summary>
    public const int BadInput = 3;

    /// <summary>A certificate or key was refused (wrong CA, expired, wrong usage, revoked).</summary>
    public const int CredentialError = 4;

    /// <summary>The operation would overwrite or duplicate something that exists.</summary>
    public const int Conflict = 5;

    /// <summary>A step of a multi-step operation (demo, flash) failed.</summary>
    public const int StepFailed = 6;

    /// <summary>An external tool the verb needs is missing.</summary>
    public const int ToolMissing = 7;

    /// <summary>The named item (device, board profile) does not exist.</summary>
    public const int NotFound = 8;
}

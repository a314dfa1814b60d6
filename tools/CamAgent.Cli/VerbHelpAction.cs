using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace CamAgent.Cli;

/// <summary>`--help` at every level: System.CommandLine's description, usage, options and verbs, then camagent's details, exit codes and examples.</summary>
public sealed class VerbHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _standard;
    private readonly IReadOnlyDictionary<Command, HelpExtras> _extras;

    public VerbHelpAction(HelpAction standard, IReadOnlyDictionary<Command, HelpExtras> extras)
    {
        _standard = standard;
        _extras = extras;
    }

    /// <summary>Help is shown even when required options are missing.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        _standard.Invoke(parseResult);
        if (_extras.TryGetValue(parseResult.CommandResult.Command, out HelpExtras? extras))
        {
            extras.Write(parseResult.InvocationConfiguration.Output);
        }

        return ExitCodes.Ok;
    }
}

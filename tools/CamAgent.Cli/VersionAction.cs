using System.CommandLine;
using System.CommandLine.Invocation;

namespace CamAgent.Cli;

/// <summary>`camagent --version`: the version and the commit it was built from.</summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe());
        return ExitCodes.Ok;
    }
}

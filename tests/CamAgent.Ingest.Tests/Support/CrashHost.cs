using System.Text.Json;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Entry point of this assembly when run as a program: `dotnet CamAgent.Ingest.Tests.dll
/// --ingest-host CONFIG.json` runs the ingest server as a separate process, prints
/// "LISTENING &lt;port&gt;" and serves until killed. The crash tests SIGKILL it.
/// </summary>
public static class CrashHost
{
    public const string Flag = "--ingest-host";
    public const string ReadyPrefix = "LISTENING ";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != Flag)
        {
            Console.Error.WriteLine($"usage: {Flag} CONFIG.json");
            return 2;
        }

        IngestOptions options = JsonSerializer.Deserialize<IngestOptions>(File.ReadAllText(args[1]))!;
        await using IngestServer server = await IngestServer.StartAsync(options);
        Console.Out.WriteLine(ReadyPrefix + server.EndPoint.Port);
        Console.Out.Flush();
        await server.WaitForShutdownAsync();
        return 0;
    }
}

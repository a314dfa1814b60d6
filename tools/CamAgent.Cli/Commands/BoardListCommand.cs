using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent board list`: the supported camera modules.</summary>
public sealed class BoardListCommand : ICommand
{
    public string Name => "board list";

    public string Summary => "list the supported camera boards (and check every profile)";

    public string Help => """
        Usage: camagent board list [--boards DIR]

        Lists every board profile with its nanoff target, memory and secure element, validating each
        one; an invalid profile is listed with its problems and makes the exit code 3 (bad input).
          --boards DIR   profile folder (default: $CAMAGENT_BOARDS, else boards/ beside camagent)

        Example:
          camagent board list
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, [BoardFolder.Option], [], 0, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        BoardCatalog catalog = BoardFolder.Catalog(arguments);
        int code = ExitCodes.Ok;
        context.Output.WriteLine($"{"BOARD",-28} {"NANOFF TARGET",-18} {"FLASH",-6} {"PSRAM",-6} SECURE ELEMENT");
        foreach (string name in catalog.Names())
        {
            PkiResult<BoardValidation> loaded = catalog.Load(name);
            BoardProfile? board = loaded.Value?.Profile;
            if (board is null)
            {
                code = ExitCodes.BadInput;
                IEnumerable<string> errors = loaded.Ok ? loaded.Value!.Errors : [loaded.Message];
                context.Output.WriteLine($"{name,-28} INVALID: {string.Join(" ", errors)}");
                continue;
            }

            context.Output.WriteLine($"{board.Name,-28} {board.NanoffTarget,-18} {board.FlashSizeMiB + " MB",-6} {board.PsramSizeMiB + " MB",-6} {board.SecureElement}");
        }

        return code;
    }
}

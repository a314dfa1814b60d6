using System.CommandLine;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent board list`: the supported camera modules.</summary>
public sealed class BoardListCommand : Verb
{
    private readonly Option<string> _boards = CliOptions.Boards();

    public override string Name => "board list";

    public override string Summary => "List the supported camera boards (and check every profile).";

    public override string Details => """
        Lists every board profile with its nanoff target, memory and secure element, validating each
        one; an invalid profile is listed with its problems.
        """;

    public override string ExitCodeText => "0 every profile is valid; 2 usage; 3 a profile is invalid.";

    public override IReadOnlyList<string> Examples => ["camagent board list"];

    protected override IEnumerable<Option> Options => [_boards];

    protected override int Execute(ParseResult parse, CliContext context)
    {
        BoardCatalog catalog = BoardFolder.Catalog(parse.GetValue(_boards));
        int code = ExitCodes.Ok;
        IReadOnlyList<string> names = catalog.Names().ToList();
        int width = names.Append("BOARD").Max(n => n.Length) + 1;
        context.Output.WriteLine($"{"BOARD".PadRight(width)} {"NANOFF TARGET",-18} {"FLASH",-6} {"PSRAM",-6} SECURE ELEMENT");
        foreach (string name in names)
        {
            PkiResult<BoardValidation> loaded = catalog.Load(name);
            BoardProfile? board = loaded.Value?.Profile;
            if (board is null)
            {
                code = ExitCodes.BadInput;
                IEnumerable<string> errors = loaded.Ok ? loaded.Value!.Errors : [loaded.Message];
                context.Output.WriteLine($"{name.PadRight(width)} INVALID: {string.Join(" ", errors)}");
                continue;
            }

            context.Output.WriteLine($"{board.Name.PadRight(width)} {board.NanoffTarget,-18} {board.FlashSizeMiB + " MB",-6} {board.PsramSizeMiB + " MB",-6} {board.SecureElement}");
        }

        return code;
    }
}

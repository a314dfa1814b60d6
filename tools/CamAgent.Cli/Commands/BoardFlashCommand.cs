using System.CommandLine;
using System.CommandLine.Parsing;
using CamAgent.Cli.Flashing;
using CamAgent.Core.Board;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli.Commands;

/// <summary>
/// `camagent board flash`: prints (and with --run, runs) the nanoff commands of the three flashing
/// stages, with what the operator does to the board before each, and says how to resume after a
/// failed stage.
/// </summary>
public sealed class BoardFlashCommand : Verb
{
    private readonly Option<string> _board = CliOptions.Board();
    private readonly Option<string> _port = CliOptions.SerialPort();
    private readonly Option<string> _image = CliOptions.Text("--image", "FILE", "the CamAgent.Device deployment image (.bin; see docs/integrator-guide.md)", required: false);
    private readonly Option<string> _bundle = CliOptions.Text("--bundle", "FILE", "the device bundle made by 'camagent bundle create'", required: false);
    private readonly Option<string[]> _stage = new("--stage") { Description = "run only this stage: firmware, deploy or files; repeat for several (default: all, in order)", HelpName = "STAGE" };
    private readonly Option<bool> _run = new("--run") { Description = "run the stages with nanoff (default: only print them)" };
    private readonly Option<bool> _yes = new("--yes") { Description = "do not wait for Enter before each stage (a rig that resets the board by itself)" };
    private readonly Option<string> _boards = CliOptions.Boards();

    public BoardFlashCommand()
    {
        _stage.AcceptOnlyFromAmong(FlashStages.Names);
    }

    public override string Name => "board flash";

    public override string Summary => "Print (or --run) the nanoff commands that flash firmware, app and bundle, stage by stage.";

    public override string Details => $"""
        Three stages, each one nanoff run, each with the board in a different state:
          firmware  erase the flash, install the nanoFramework firmware (ROM bootloader: GPIO0/BOOT held)
          deploy    the CamAgent application image (nanoFramework running: bootloader released, reset)
          files     the device bundle to {FlashPlan.DeviceBundlePath} (nanoff --filedeployment; the
                    description is written beside the bundle as BUNDLE.cose.nanoff.json)
        Before each stage the board's operator step is printed; with --run, camagent waits for Enter
        (end of input stops it) unless --yes is given. A failed stage stops the run and prints the
        command that resumes from it (--stage). --run needs --image for deploy and --bundle for files.
        Without nanoff on PATH, --run fails ({Nanoff.InstallHint}).
        """;

    public override string ExitCodeText => "0 printed or flashed; 2 usage; 3 missing file or invalid profile; 6 a stage failed or was not confirmed; 7 nanoff missing (--run); 8 no such board.";

    public override IReadOnlyList<string> Examples =>
    [
        "camagent board flash --board ai-thinker-esp32-cam --serial-port /dev/ttyUSB0 --image CamAgent.Device.bin --bundle cam-0042.bundle.cose --run",
        "# resume after a failed deploy stage:",
        "camagent board flash --board ai-thinker-esp32-cam --serial-port /dev/ttyUSB0 --image CamAgent.Device.bin --bundle cam-0042.bundle.cose --stage deploy --stage files --run",
    ];

    protected override IEnumerable<Option> Options => [_board, _port, _image, _bundle, _stage, _run, _yes, _boards];

    protected override void Validate(CommandResult result)
    {
        IReadOnlyList<FlashStage> stages = Stages(CliOptions.Typed(result, _stage).Where(FlashStages.Names.Contains).ToArray());
        if (result.GetValue(_run) && stages.Contains(FlashStage.Deploy) && !CliOptions.Given(result, _image))
        {
            result.AddError("--run needs --image for the deploy stage.");
        }
        else if (result.GetValue(_run) && stages.Contains(FlashStage.Files) && !CliOptions.Given(result, _bundle))
        {
            result.AddError("--run needs --bundle for the files stage.");
        }
    }

    protected override int Execute(ParseResult parse, CliContext context)
    {
        string? missing = new[] { parse.GetValue(_image), parse.GetValue(_bundle) }.FirstOrDefault(file => file is not null && !File.Exists(file));
        if (missing is not null)
        {
            context.Error.WriteLine($"camagent {Name}: {missing} does not exist.");
            return ExitCodes.BadInput;
        }

        PkiResult<BoardValidation> loaded = BoardFolder.Catalog(parse.GetValue(_boards)).Load(parse.GetValue(_board)!);
        if (!loaded.Ok)
        {
            return PkiExit.Report(Name, loaded, context);
        }

        if (!loaded.Value!.Ok)
        {
            context.Error.WriteLine($"camagent {Name}: the profile is invalid: {string.Join(" ", loaded.Value.Errors)}");
            return ExitCodes.BadInput;
        }

        var plan = new StagedFlash(loaded.Value.Profile!, parse.GetValue(_port)!, parse.GetValue(_image), parse.GetValue(_bundle), Stages(parse.GetValue(_stage)));
        plan.Print(context.Output);
        return parse.GetValue(_run) ? Run(plan, parse.GetValue(_yes), context) : NoteNanoff(context);
    }

    private static IReadOnlyList<FlashStage> Stages(string[]? names) =>
        names is null || names.Length == 0 ? Enum.GetValues<FlashStage>() : names.Select(FlashStages.Parse).Distinct().Order().ToArray();

    private int NoteNanoff(CliContext context)
    {
        if (Nanoff.Find() is null)
        {
            context.Error.WriteLine($"board flash: nanoff is not installed (not on PATH); {Nanoff.InstallHint}");
        }

        return ExitCodes.Ok;
    }

    private int Run(StagedFlash plan, bool yes, CliContext context)
    {
        string? nanoff = Nanoff.Find();
        if (nanoff is null)
        {
            context.Error.WriteLine($"board flash: nanoff is not installed (not on PATH); {Nanoff.InstallHint}");
            return ExitCodes.ToolMissing;
        }

        foreach (StagedFlash.Stage stage in plan.Selected)
        {
            string label = $"stage {FlashStages.NameOf(stage.Kind)}";
            context.Error.WriteLine($"board flash: {label}: {stage.OperatorStep}");
            if (!yes && !Confirm(context))
            {
                context.Error.WriteLine($"camagent {Name}: {label} was not confirmed (end of input); nothing was run for it. Resume with: {plan.ResumeCommand(stage.Kind)}");
                return ExitCodes.StepFailed;
            }

            context.Error.WriteLine($"board flash: {label}: {stage.Step.Description}");
            int exit = Nanoff.Run(nanoff, stage.Step.Arguments);
            if (exit != 0)
            {
                context.Error.WriteLine($"camagent {Name}: {label} failed (nanoff exit code {exit}); later stages were not run. Resume with: {plan.ResumeCommand(stage.Kind)}");
                return ExitCodes.StepFailed;
            }
        }

        context.Output.WriteLine("All stages succeeded.");
        return ExitCodes.Ok;
    }

    private static bool Confirm(CliContext context)
    {
        context.Error.WriteLine("board flash: press Enter when the board is ready (Ctrl+C stops).");
        return context.Input.ReadLine() is not null;
    }
}

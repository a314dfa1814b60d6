using CamAgent.Core.Board;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli.Flashing;

/// <summary>The stages `board flash` was asked for, each with its nanoff step and the operator's step before it.</summary>
public sealed class StagedFlash
{
    private const string ApplicationPlaceholder = "CamAgent.Device.bin";

    private readonly BoardProfile _board;
    private readonly string _port;
    private readonly string? _image;
    private readonly string? _bundle;

    public StagedFlash(BoardProfile board, string port, string? image, string? bundle, IReadOnlyList<FlashStage> stages)
    {
        _board = board;
        _port = port;
        _image = image;
        _bundle = bundle;
        string? deploymentJson = null;
        if (bundle is not null && stages.Contains(FlashStage.Files))
        {
            deploymentJson = Path.GetFullPath(bundle) + ".nanoff.json";
            SecureFile.WriteText(deploymentJson, FlashPlan.FileDeploymentJson(port, bundle), secret: false, overwrite: true);
        }

        IReadOnlyList<FlashPlan.Step> steps = FlashPlan.Steps(board, port, image ?? ApplicationPlaceholder, deploymentJson);
        Selected = stages.Where(s => (int)s < steps.Count)
            .Select(s => new Stage(s, steps[(int)s], FlashStages.OperatorStep(board, s)))
            .ToArray();
        BundleMissing = bundle is null && stages.Contains(FlashStage.Files);
    }

    /// <summary>One stage: which, its nanoff step, and what the operator does to the board first.</summary>
    public sealed record Stage(FlashStage Kind, FlashPlan.Step Step, string OperatorStep);

    public IReadOnlyList<Stage> Selected { get; }

    /// <summary>The files stage was asked for but no bundle was given (it is left out of the plan).</summary>
    public bool BundleMissing { get; }

    public void Print(TextWriter output)
    {
        output.WriteLine($"Flashing {_board.DisplayName} on {_port} (nanoff target {_board.NanoffTarget}):");
        foreach (Stage stage in Selected)
        {
            output.WriteLine($"  {(int)stage.Kind + 1}. {FlashStages.NameOf(stage.Kind)}: {stage.Step.Description}");
            output.WriteLine($"     first: {stage.OperatorStep}");
            output.WriteLine($"     {FlashPlan.Display(stage.Step.Arguments)}");
        }

        if (BundleMissing)
        {
            output.WriteLine("  (give --bundle to add the files stage, which copies the device bundle)");
        }
    }

    /// <summary>The `camagent board flash` command that runs <paramref name="from"/> and the selected stages after it.</summary>
    public string ResumeCommand(FlashStage from)
    {
        var words = new List<string> { "camagent board flash --board", _board.Name, "--serial-port", _port };
        if (_image is not null)
        {
            words.AddRange(["--image", _image]);
        }

        if (_bundle is not null)
        {
            words.AddRange(["--bundle", _bundle]);
        }

        foreach (Stage stage in Selected.Where(s => s.Kind >= from))
        {
            words.AddRange(["--stage", FlashStages.NameOf(stage.Kind)]);
        }

        words.Add("--run");
        return string.Join(' ', words);
    }
}

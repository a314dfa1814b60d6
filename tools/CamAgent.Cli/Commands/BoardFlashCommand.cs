using System.Diagnostics;
using System.Text.RegularExpressions;
using CamAgent.Core.Board;
using CamAgent.Provisioning.Boards;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Commands;

/// <summary>`camagent board flash NAME --port PORT`: prints (and with --run, runs) the nanoff commands.</summary>
public sealed partial class BoardFlashCommand : ICommand
{
    private const string ApplicationPlaceholder = "CamAgent.Device.bin";
    private const string InstallHint = "install it with: dotnet tool install --global nanoff";

    public string Name => "board flash";

    public string Summary => "print (or --run) the exact nanoff commands to flash firmware, app and bundle";

    public string Help => $"""
        Usage: camagent board flash NAME --port PORT [--image APP.bin] [--bundle BUNDLE.cose] [--run] [--boards DIR]

        Prints the nanoff commands that prepare a camera module of board NAME:
          1. erase the flash and install the nanoFramework firmware (--update --masserase)
          2. deploy the CamAgent application image (--deploy --image APP.bin)
          3. copy the signed device bundle to {FlashPlan.DeviceBundlePath} (--filedeployment; the
             deployment description is written beside the bundle as BUNDLE.cose.nanoff.json)
        With --run, runs them in order when nanoff is on PATH, stopping at the first failure
        (exit 6). Without nanoff on PATH, --run fails with exit 7; without --run the commands are
        only printed. --run needs --image and --bundle.
          --port PORT     serial port of the module (/dev/ttyUSB0, /dev/ttyACM0, COM5)
          --image FILE    the CamAgent.Device deployment image (.bin from its build)
          --bundle FILE   the device bundle made by 'camagent bundle create'

        Example:
          camagent board flash ai-thinker-esp32-cam --port /dev/ttyUSB0 --image CamAgent.Device.bin --bundle cam-0042.bundle.cose --run
        """;

    public int Run(string[] args, CliContext context)
    {
        if (!Arguments.TryParse(args, [BoardFolder.Option, "--port", "--image", "--bundle"], ["--run"], 1, out Arguments arguments, out string problem))
        {
            return PkiExit.Usage(Name, problem, context);
        }

        string? port = arguments.Value("--port");
        string? image = arguments.Value("--image");
        string? bundle = arguments.Value("--bundle");
        bool run = arguments.Flag("--run");
        if (arguments.Positionals.Count != 1 || port is null)
        {
            return PkiExit.Usage(Name, "give the board NAME and --port PORT.", context);
        }

        if (!SerialPortPattern().IsMatch(port))
        {
            return PkiExit.Usage(Name, $"'{port}' does not look like a serial port (/dev/ttyUSB0, /dev/ttyACM0, /dev/cu.usbserial-1410, COM5).", context);
        }

        if (run && (image is null || bundle is null))
        {
            return PkiExit.Usage(Name, "--run needs --image and --bundle.", context);
        }

        string? missing = new[] { image, bundle }.FirstOrDefault(file => file is not null && !File.Exists(file));
        if (missing is not null)
        {
            context.Error.WriteLine($"camagent {Name}: {missing} does not exist.");
            return ExitCodes.BadInput;
        }

        PkiResult<BoardValidation> loaded = BoardFolder.Catalog(arguments).Load(arguments.Positionals[0]);
        if (!loaded.Ok || !loaded.Value!.Ok)
        {
            return loaded.Ok ? InvalidProfile(loaded.Value!, context) : PkiExit.Report(Name, loaded, context);
        }

        return Execute(loaded.Value.Profile!, port, image, bundle, run, context);
    }

    private int InvalidProfile(BoardValidation validation, CliContext context)
    {
        context.Error.WriteLine($"camagent {Name}: the profile is invalid: {string.Join(" ", validation.Errors)}");
        return ExitCodes.BadInput;
    }

    private int Execute(BoardProfile board, string port, string? image, string? bundle, bool run, CliContext context)
    {
        string? deploymentJson = null;
        if (bundle is not null)
        {
            deploymentJson = Path.GetFullPath(bundle) + ".nanoff.json";
            SecureFile.WriteText(deploymentJson, FlashPlan.FileDeploymentJson(port, bundle), secret: false, overwrite: true);
        }

        IReadOnlyList<FlashPlan.Step> steps = FlashPlan.Steps(board, port, image ?? ApplicationPlaceholder, deploymentJson);
        string? nanoff = FindOnPath("nanoff");
        context.Output.WriteLine($"Flashing {board.DisplayName} on {port} (nanoff target {board.NanoffTarget}):");
        for (int i = 0; i < steps.Count; i++)
        {
            context.Output.WriteLine($"  {i + 1}. {steps[i].Description}");
            context.Output.WriteLine($"     {FlashPlan.Display(steps[i].Arguments)}");
        }

        if (bundle is null)
        {
            context.Output.WriteLine("  (give --bundle to add the step that copies the device bundle)");
        }

        if (nanoff is null)
        {
            context.Error.WriteLine($"board flash: nanoff is not installed (not on PATH); {InstallHint}");
            return run ? ExitCodes.ToolMissing : ExitCodes.Ok;
        }

        return run ? RunSteps(nanoff, steps, context) : ExitCodes.Ok;
    }

    private int RunSteps(string nanoff, IReadOnlyList<FlashPlan.Step> steps, CliContext context)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            context.Error.WriteLine($"board flash: step {i + 1}/{steps.Count}: {steps[i].Description}");
            var start = new ProcessStartInfo(nanoff) { UseShellExecute = false };
            foreach (string argument in steps[i].Arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                context.Error.WriteLine($"camagent {Name}: step {i + 1} failed (nanoff exit code {process.ExitCode}); later steps were not run.");
                return ExitCodes.StepFailed;
            }
        }

        context.Output.WriteLine("All steps succeeded.");
        return ExitCodes.Ok;
    }

    /// <summary>The full path of <paramref name="tool"/> in a PATH folder, or null.</summary>
    public static string? FindOnPath(string tool)
    {
        string[] names = OperatingSystem.IsWindows() ? [tool + ".exe", tool + ".cmd"] : [tool];
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(/dev/[A-Za-z0-9._-]+|COM[0-9]{1,3})$")]
    private static partial Regex SerialPortPattern();
}

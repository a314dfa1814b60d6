namespace CamAgent.Cli.Tests.Boards;

/// <summary>`board flash` runs firmware, deploy and files as separate stages, with the operator's step before each.</summary>
public sealed class BoardFlashStageTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void Printed_Plan_Tells_The_Operator_To_Hold_Gpio0_For_Firmware_And_Release_It_And_Reset_Before_Deploy()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        int firmware = result.Output.IndexOf("Tie GPIO0 to GND", StringComparison.Ordinal);
        int deploy = result.Output.IndexOf("Remove the GPIO0-GND jumper (release IO0) and press RESET", StringComparison.Ordinal);
        Assert.True(firmware > 0 && deploy > firmware, result.Output);
    }

    [Fact]
    public void Run_Waits_For_The_Operator_And_Stops_Before_A_Stage_Nobody_Confirmed()
    {
        string bin = Prepare(exitCode: 0, out Dictionary<string, string> env);

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, "\n", env, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--image", "app.bin", "--bundle", "cam.bundle.cose", "--run");

        Assert.Equal(ExitCodes.StepFailed, result.ExitCode);
        Assert.Single(File.ReadAllLines(Path.Combine(bin, "calls.log")));
        Assert.Contains("stage deploy was not confirmed", result.Error);
        Assert.Contains("--stage deploy --stage files --run", result.Error);
    }

    [Fact]
    public void Stage_Option_Resumes_With_Only_The_Named_Stages()
    {
        string bin = Prepare(exitCode: 0, out Dictionary<string, string> env);

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, null, env, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--image", "app.bin", "--bundle", "cam.bundle.cose", "--stage", "files", "--stage", "deploy", "--run", "--yes");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        string[] calls = File.ReadAllLines(Path.Combine(bin, "calls.log"));
        Assert.Equal(2, calls.Length);
        Assert.StartsWith("--target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0 --deploy", calls[0]);
        Assert.StartsWith("--filedeployment", calls[1]);
    }

    [Fact]
    public void Firmware_Stage_Alone_Needs_No_Image_Or_Bundle_But_An_Unknown_Stage_Is_A_Usage_Error()
    {
        Prepare(exitCode: 0, out Dictionary<string, string> env);

        CamAgentProcess.Result firmware = CamAgentProcess.RunWith(temp.Path, null, env, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--stage", "firmware", "--run", "--yes");
        CamAgentProcess.Result unknown = CamAgentProcess.Run(temp.Path, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--stage", "everything");

        Assert.True(firmware.ExitCode == ExitCodes.Ok, firmware.ToString());
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("everything", unknown.Error);
    }

    private string Prepare(int exitCode, out Dictionary<string, string> env)
    {
        string bin = BoardCommandTests.FakeNanoff(temp, exitCode);
        File.WriteAllText(temp.Combine("app.bin"), "app");
        File.WriteAllText(temp.Combine("cam.bundle.cose"), "bundle");
        env = new Dictionary<string, string> { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
        return bin;
    }

    public void Dispose() => temp.Dispose();
}

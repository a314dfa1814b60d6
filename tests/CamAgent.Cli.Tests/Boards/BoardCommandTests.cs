using System.Text.Json;

namespace CamAgent.Cli.Tests.Boards;

public sealed class BoardCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Theory]
    [InlineData("ai-thinker-esp32-cam", "ESP32_PSRAM_REV0")]
    [InlineData("seeed-xiao-esp32s3-sense", "ESP32_S3_ALL")]
    [InlineData("esp32-wroom-32se-devkit", "ESP32_REV3")]
    [InlineData("ai-thinker-esp32-cam-atecc608", "ESP32_PSRAM_REV0")]
    [InlineData("seeed-xiao-esp32s3-sense-atecc608", "ESP32_S3_ALL")]
    public void Flash_Prints_The_Nanoff_Commands_With_The_Right_Target(string board, string target)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "flash", "--board", board, "--serial-port", "/dev/ttyUSB0");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"nanoff --target {target} --serialport /dev/ttyUSB0 --update --masserase", result.Output);
        Assert.Contains($"nanoff --target {target} --serialport /dev/ttyUSB0 --deploy --image CamAgent.Device.bin", result.Output);
        Assert.Empty(TempFolder.Listing(temp.Path));
    }

    [Fact]
    public void List_Shows_Every_Board_And_Succeeds_When_All_Validate()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("ai-thinker-esp32-cam", result.Output);
        Assert.Matches(@"esp32-wroom-32se-devkit +ESP32_REV3", result.Output);
        int target = result.Output.Split('\n')[0].IndexOf("NANOFF TARGET", StringComparison.Ordinal);
        Assert.All(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.Equal(' ', line[target - 1]));
    }

    [Theory]
    [InlineData("ai-thinker-esp32-cam", "DEVELOPMENT ONLY: the device key sits in plain flash")]
    [InlineData("seeed-xiao-esp32s3-sense", "DEVELOPMENT ONLY: the device key sits in plain flash")]
    [InlineData("esp32-wroom-32se-devkit", "production: the device key is generated in the secure element")]
    [InlineData("ai-thinker-esp32-cam-atecc608", "production: the device key is generated in the secure element")]
    [InlineData("seeed-xiao-esp32s3-sense-atecc608", "production: the device key is generated in the secure element")]
    public void Show_Says_Whether_A_Board_Is_For_Development_Or_Production(string board, string use)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "show", "--board", board);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("  use:                   " + use, result.Output);
    }

    [Fact]
    public void Show_Of_An_Unknown_Board_Is_Not_Found_And_Names_The_Known_Ones()
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "show", "--board", "esp8266-cam");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Unknown board 'esp8266-cam'", result.Error);
        Assert.Contains("ai-thinker-esp32-cam", result.Error);
    }

    [Fact]
    public void Show_And_List_Refuse_A_Broken_Profile_With_Its_Errors()
    {
        string boards = temp.Combine("boards");
        Directory.CreateDirectory(boards);
        string text = File.ReadAllText(Path.Combine(BoardProfileValidatorTests.BoardsFolder, "ai-thinker-esp32-cam.json")).Replace("\"statusLedPin\": 33", "\"statusLedPin\": 9");
        File.WriteAllText(Path.Combine(boards, "ai-thinker-esp32-cam.json"), text);

        CamAgentProcess.Result show = CamAgentProcess.Run(temp.Path, "board", "show", "--board", "ai-thinker-esp32-cam", "--boards", boards);
        CamAgentProcess.Result list = CamAgentProcess.Run(temp.Path, "board", "list", "--boards", boards);

        Assert.Equal(ExitCodes.BadInput, show.ExitCode);
        Assert.Contains("statusLedPin: GPIO9 is wired to the SPI flash.", show.Error);
        Assert.Equal(ExitCodes.BadInput, list.ExitCode);
        Assert.Contains("INVALID", list.Output);
    }

    [Fact]
    public void Flash_Run_Without_Nanoff_On_Path_Is_Tool_Missing_And_Says_How_To_Install()
    {
        File.WriteAllText(temp.Combine("app.bin"), "app");
        File.WriteAllText(temp.Combine("cam.bundle.cose"), "bundle");
        var env = new Dictionary<string, string> { ["PATH"] = temp.Combine("empty-path") };

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, null, env, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--image", "app.bin", "--bundle", "cam.bundle.cose", "--run");

        Assert.Equal(ExitCodes.ToolMissing, result.ExitCode);
        Assert.Contains("dotnet tool install --global nanoff", result.Error);
    }

    [Fact]
    public void Flash_Run_Calls_Nanoff_For_Firmware_App_And_Bundle_In_Order()
    {
        string bin = FakeNanoff(temp, exitCode: 0);
        File.WriteAllText(temp.Combine("app.bin"), "app");
        File.WriteAllText(temp.Combine("cam.bundle.cose"), "bundle");
        var env = new Dictionary<string, string> { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, "\n\n\n", env, "board", "flash", "--board", "seeed-xiao-esp32s3-sense", "--serial-port", "/dev/ttyACM0", "--image", "app.bin", "--bundle", "cam.bundle.cose", "--run");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Hold BOOT, press and release RESET, then release BOOT", result.Error);
        Assert.Contains("Press RESET without BOOT", result.Error);
        string[] calls = File.ReadAllLines(Path.Combine(bin, "calls.log"));
        Assert.Equal(3, calls.Length);
        Assert.Equal("--target ESP32_S3_ALL --serialport /dev/ttyACM0 --update --masserase", calls[0]);
        Assert.Equal("--target ESP32_S3_ALL --serialport /dev/ttyACM0 --deploy --image app.bin", calls[1]);
        Assert.Equal("--filedeployment " + temp.Combine("cam.bundle.cose.nanoff.json"), calls[2]);
        using var deployment = JsonDocument.Parse(File.ReadAllText(temp.Combine("cam.bundle.cose.nanoff.json")));
        Assert.Equal("/dev/ttyACM0", deployment.RootElement.GetProperty("SerialPort").GetString());
        JsonElement file = deployment.RootElement.GetProperty("Files")[0];
        Assert.Equal("I:\\camagent\\bundle.cose", file.GetProperty("DestinationFilePath").GetString());
        Assert.Equal(temp.Combine("cam.bundle.cose"), file.GetProperty("SourceFilePath").GetString());
    }

    [Fact]
    public void Flash_Run_Stops_At_The_First_Failing_Step()
    {
        string bin = FakeNanoff(temp, exitCode: 1);
        File.WriteAllText(temp.Combine("app.bin"), "app");
        File.WriteAllText(temp.Combine("cam.bundle.cose"), "bundle");
        var env = new Dictionary<string, string> { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

        CamAgentProcess.Result result = CamAgentProcess.RunWith(temp.Path, null, env, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", "/dev/ttyUSB0", "--image", "app.bin", "--bundle", "cam.bundle.cose", "--run", "--yes");

        Assert.Equal(ExitCodes.StepFailed, result.ExitCode);
        Assert.Contains("stage firmware failed", result.Error);
        Assert.Contains("Resume with: camagent board flash --board ai-thinker-esp32-cam --serial-port /dev/ttyUSB0 --image app.bin --bundle cam.bundle.cose --stage firmware --stage deploy --stage files --run", result.Error);
        Assert.Single(File.ReadAllLines(Path.Combine(bin, "calls.log")));
    }

    [Theory]
    [InlineData("/dev/ttyUSB0; rm -rf /")]
    [InlineData("ttyUSB0")]
    public void Flash_Refuses_A_Port_That_Is_Not_A_Serial_Device(string port)
    {
        CamAgentProcess.Result result = CamAgentProcess.Run(temp.Path, "board", "flash", "--board", "ai-thinker-esp32-cam", "--serial-port", port);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("does not look like a serial port", result.Error);
    }

    /// <summary>A stand-in for nanoff (flashing needs a module on a serial port): records its arguments, exits with the given code.</summary>
    public static string FakeNanoff(TempFolder temp, int exitCode)
    {
        string bin = temp.Combine("fake-bin");
        Directory.CreateDirectory(bin);
        string script = Path.Combine(bin, "nanoff");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> \"{Path.Combine(bin, "calls.log")}\"\nexit {exitCode}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    public void Dispose() => temp.Dispose();
}

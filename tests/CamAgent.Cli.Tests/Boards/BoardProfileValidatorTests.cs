using System.Text.Json.Nodes;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli.Tests.Boards;

public sealed class BoardProfileValidatorTests
{
    public static string BoardsFolder => Path.Combine(AppContext.BaseDirectory, "boards");

    public static TheoryData<string> ShippedBoards()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(BoardsFolder, "*.json"))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void At_Least_The_Three_Reference_Boards_Ship()
    {
        string[] names = Directory.EnumerateFiles(BoardsFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToArray();

        Assert.Contains("ai-thinker-esp32-cam", names);
        Assert.Contains("seeed-xiao-esp32s3-sense", names);
        Assert.Contains("esp32-wroom-32se-devkit", names);
    }

    [Theory]
    [MemberData(nameof(ShippedBoards))]
    public void Every_Shipped_Profile_Validates(string name)
    {
        BoardValidation validation = BoardProfileValidator.Read(File.ReadAllText(Path.Combine(BoardsFolder, name + ".json")), name);

        Assert.True(validation.Ok, string.Join("\n", validation.Errors));
        Assert.NotNull(NanoffTarget.Find(validation.Profile!.NanoffTarget));
    }

    [Theory]
    [InlineData("sdD0Pn", 2, "sdD0Pn: unknown field")]
    [InlineData("flashSizeMiB", "4", "flashSizeMiB: must be a non-negative integer.")]
    [InlineData("statusLedPin", 7, "statusLedPin: GPIO7 is wired to the SPI flash.")]
    [InlineData("statusLedPin", 35, "statusLedPin: GPIO35 is input-only")]
    [InlineData("statusLedPin", 14, "statusLedPin: GPIO14 is already used by sdClkPin.")]
    [InlineData("statusLedPin", 16, "statusLedPin: GPIO16 is used by the PSRAM.")]
    [InlineData("statusLedPin", 40, "statusLedPin: GPIO40 does not exist on the ESP32.")]
    [InlineData("nanoffTarget", "ESP32_S3_ALL", "nanoffTarget: ESP32_S3_ALL is built for esp32s3, not esp32.")]
    [InlineData("nanoffTarget", "ESP32_REV0", "nanoffTarget: ESP32_REV0 does not use PSRAM")]
    [InlineData("nanoffTarget", "ESP32_WROVER_KIT", "nanoffTarget: 'ESP32_WROVER_KIT' is not a supported nanoff target")]
    [InlineData("sdCmdPin", 13, "sdMode: on the ESP32, SDMMC uses fixed pins")]
    [InlineData("seI2cAddress", 96, "seI2cAddress: must be absent without a secure element.")]
    [InlineData("name", "another-board", "name: must equal the file name 'ai-thinker-esp32-cam'.")]
    [InlineData("psramMode", "octal", "psramMode: octal PSRAM exists only on the ESP32-S3.")]
    [InlineData("sdMode", "sdmmc-4bit", "sdMode: must be \"sdmmc-1bit\" or \"spi\"")]
    [InlineData("schema", "camagent-board/2", "schema: must be \"camagent-board/1\".")]
    [InlineData("sdClkPin", -1, "sdClkPin: must be a non-negative integer.")]
    public void A_Broken_Esp32_Cam_Profile_Is_Refused_With_The_Specific_Error(string field, object value, string expected)
    {
        JsonObject json = Load("ai-thinker-esp32-cam");
        json[field] = JsonValue.Create(value);

        BoardValidation validation = BoardProfileValidator.Read(json.ToJsonString(), "ai-thinker-esp32-cam");

        Assert.False(validation.Ok);
        Assert.Null(validation.Profile);
        Assert.Contains(validation.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Agency_Validator_And_The_Device_Reader_Know_The_Same_Fields()
    {
        string[] shipped = Load("esp32-wroom-32se-devkit").Select(p => p.Key)
            .Concat(Load("ai-thinker-esp32-cam").Select(p => p.Key)).Distinct().ToArray();

        // Every field of the shipped profiles is in the device's one table, and a field outside it
        // is refused by both readers.
        Assert.All(shipped, name => Assert.True(CamAgent.Core.Board.BoardFields.IndexOf(name) >= 0, name));
        JsonObject json = Load("ai-thinker-esp32-cam");
        json["ledBrightness"] = 3;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        Assert.Contains(BoardProfileValidator.Read(json.ToJsonString(), null).Errors, e => e.StartsWith("ledBrightness: unknown field", StringComparison.Ordinal));
        Assert.Equal(CamAgent.Core.Board.BoardStatus.UnknownField, CamAgent.Core.Board.BoardProfileReader.Read(bytes, 0, bytes.Length, out _, out string field));
        Assert.Equal("ledBrightness", field);
    }

    [Theory]
    [InlineData("statusLedPin", 35, "statusLedPin: GPIO35 is used by the octal PSRAM.")]
    [InlineData("statusLedPin", 20, "statusLedPin: GPIO20 is the native USB port.")]
    [InlineData("statusLedPin", 27, "statusLedPin: GPIO27 is not available on the ESP32-S3")]
    [InlineData("statusLedPin", 21, "statusLedPin: GPIO21 is already used by sdSpiCsPin.")]
    public void A_Broken_Xiao_Profile_Is_Refused_With_The_Specific_Error(string field, int value, string expected)
    {
        JsonObject json = Load("seeed-xiao-esp32s3-sense");
        json[field] = value;

        BoardValidation validation = BoardProfileValidator.Read(json.ToJsonString(), "seeed-xiao-esp32s3-sense");

        Assert.Contains(validation.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_Secure_Element_Board_Needs_Its_Bus_And_A_Real_Atecc608_Address()
    {
        JsonObject json = Load("esp32-wroom-32se-devkit");
        json.Remove("seI2cSdaPin");
        json["seI2cAddress"] = 0x50;

        BoardValidation validation = BoardProfileValidator.Read(json.ToJsonString(), "esp32-wroom-32se-devkit");

        Assert.Contains("seI2cSdaPin: is required for this configuration.", validation.Errors);
        Assert.Contains(validation.Errors, e => e.StartsWith("seI2cAddress: must be an ATECC608 7-bit address", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_Problem_Is_Reported_At_Once()
    {
        JsonObject json = Load("ai-thinker-esp32-cam");
        json["statusLedPin"] = 7;
        json["flashSizeMiB"] = 2;

        BoardValidation validation = BoardProfileValidator.Read(json.ToJsonString(), "ai-thinker-esp32-cam");

        Assert.Equal(2, validation.Errors.Count);
    }

    [Theory]
    [InlineData("[1, 2]", "(file): the profile must be one JSON object.")]
    [InlineData("{ \"schema\": ", "(file): not valid JSON")]
    [InlineData("{}", "schema: missing (required).")]
    public void Malformed_Files_Are_Refused(string text, string expected)
    {
        BoardValidation validation = BoardProfileValidator.Read(text, null);

        Assert.Contains(validation.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(BoardsFolder, name + ".json")))!.AsObject();
}

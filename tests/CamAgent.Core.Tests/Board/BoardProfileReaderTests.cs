using System.Text;
using CamAgent.Core.Board;

namespace CamAgent.Core.Tests.Board;

public class BoardProfileReaderTests
{
    // The shape of boards/ai-thinker-esp32-cam.json (docs/boards.md).
    private const string Mmc = """
        {
          "schema": "camagent-board/1",
          "name": "ai-thinker-esp32-cam",
          "displayName": "AI-Thinker ESP32-CAM",
          "soc": "esp32",
          "nanoffTarget": "ESP32_PSRAM_REV0",
          "flashSizeMiB": 4,
          "psramSizeMiB": 4,
          "psramMode": "quad",
          "serialInterface": "external-usb-uart",
          "sdMode": "sdmmc-1bit",
          "sdClkPin": 14,
          "sdCmdPin": 15,
          "sdD0Pin": 2,
          "statusLedPin": 33,
          "statusLedActiveLow": true,
          "secureElement": "none",
          "quirks": "GPIO0 to GND at reset: \"download\" mode\\ROM \u00e9"
        }
        """;

    // The shape of boards/esp32-wroom-32se-devkit.json.
    private const string SpiWithSecureElement = """
        {"schema":"camagent-board/1","name":"esp32-wroom-32se-devkit","displayName":"WROOM-32SE","soc":"esp32",
         "nanoffTarget":"ESP32_REV3","flashSizeMiB":4,"psramSizeMiB":0,"psramMode":"none","serialInterface":"usb-uart-bridge",
         "sdMode":"spi","sdSpiSckPin":18,"sdSpiMisoPin":19,"sdSpiMosiPin":23,"sdSpiCsPin":5,
         "statusLedPin":2,"statusLedActiveLow":false,"secureElement":"atecc608",
         "seI2cSdaPin":16,"seI2cSclPin":17,"seI2cAddress":53,"quirks":""}
        """;

    [Fact]
    public void Reads_Sdmmc_Board_With_Active_Low_Led_And_No_Secure_Element()
    {
        BoardStatus status = Read(Mmc, out BoardProfile? profile, out _);

        Assert.Equal(BoardStatus.Ok, status);
        Assert.NotNull(profile);
        Assert.Equal("ai-thinker-esp32-cam", profile.Name);
        Assert.Equal(BoardProfile.SdModeSdmmc1Bit, profile.SdMode);
        Assert.Equal((14, 15, 2), (profile.SdClkPin, profile.SdCmdPin, profile.SdD0Pin));
        Assert.Equal(BoardProfile.NoPin, profile.SdSpiCsPin);
        Assert.Equal(33, profile.StatusLedPin);
        Assert.True(profile.StatusLedActiveLow);
        Assert.False(profile.HasSecureElement);
        Assert.Equal(BoardProfile.NoPin, profile.SeI2cAddress);
    }

    [Fact]
    public void Reads_Spi_Board_With_Secure_Element_Pins_And_Address()
    {
        BoardStatus status = Read(SpiWithSecureElement, out BoardProfile? profile, out _);

        Assert.Equal(BoardStatus.Ok, status);
        Assert.NotNull(profile);
        Assert.Equal((18, 19, 23, 5), (profile.SdSpiSckPin, profile.SdSpiMisoPin, profile.SdSpiMosiPin, profile.SdSpiCsPin));
        Assert.True(profile.HasSecureElement);
        Assert.Equal((16, 17, 53), (profile.SeI2cSdaPin, profile.SeI2cSclPin, profile.SeI2cAddress));
        Assert.False(profile.StatusLedActiveLow);
    }

    [Fact]
    public void Every_Shipped_Board_Profile_Reads()
    {
        string folder = Path.Combine(CamAgent.Tests.Support.RepositoryPaths.Root, "boards");
        string[] files = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            byte[] json = File.ReadAllBytes(file);
            BoardStatus status = BoardProfileReader.Read(json, 0, json.Length, out BoardProfile? profile, out string field);
            Assert.True(status == BoardStatus.Ok, $"{Path.GetFileName(file)}: {status} at '{field}'");
            Assert.Equal(Path.GetFileNameWithoutExtension(file), profile!.Name);
        }
    }

    [Theory]
    [InlineData("\"statusLedPin\": 33", "\"statusLedPin\": \"33\"", BoardStatus.InvalidValue, "statusLedPin")]
    [InlineData("\"statusLedPin\": 33", "\"statusLedPin\": 99", BoardStatus.InvalidValue, "statusLedPin")]
    [InlineData("\"statusLedActiveLow\": true", "\"statusLedActiveLow\": 1", BoardStatus.InvalidValue, "statusLedActiveLow")]
    [InlineData("\"statusLedPin\": 33,", "", BoardStatus.MissingField, "statusLedPin")]
    [InlineData("\"soc\": \"esp32\"", "\"soc\": \"esp8266\"", BoardStatus.InvalidValue, "soc")]
    [InlineData("\"schema\": \"camagent-board/1\"", "\"schema\": \"camagent-board/2\"", BoardStatus.UnsupportedSchema, "schema")]
    [InlineData("\"secureElement\": \"none\"", "\"secureElement\": \"tpm\"", BoardStatus.InvalidValue, "secureElement")]
    [InlineData("\"sdD0Pin\": 2,", "", BoardStatus.InvalidValue, "sdMode")]
    [InlineData("\"sdD0Pin\": 2,", "\"sdD0Pin\": 2, \"sdSpiCsPin\": 5,", BoardStatus.InvalidValue, "sdMode")]
    [InlineData("\"secureElement\": \"none\"", "\"secureElement\": \"atecc608\"", BoardStatus.InvalidValue, "secureElement")]
    [InlineData("\"sdD0Pin\": 2,", "\"sdD0Pin\": 2, \"sdD0pin\": 2,", BoardStatus.UnknownField, "sdD0pin")]
    [InlineData("\"sdD0Pin\": 2,", "\"sdD0Pin\": 2, \"sdD0Pin\": 2,", BoardStatus.DuplicateField, "sdD0Pin")]
    [InlineData("\"flashSizeMiB\": 4", "\"flashSizeMiB\": 4.5", BoardStatus.MalformedJson, "")]
    [InlineData("\"flashSizeMiB\": 4", "\"flashSizeMiB\": [4]", BoardStatus.MalformedJson, "")]
    [InlineData("\"flashSizeMiB\": 4", "\"flashSizeMiB\": 04", BoardStatus.MalformedJson, "")]
    [InlineData("\"flashSizeMiB\": 4", "\"flashSizeMiB\": null", BoardStatus.MalformedJson, "")]
    [InlineData("\"flashSizeMiB\": 4,", "\"flashSizeMiB\": 4,,", BoardStatus.MalformedJson, "")]
    [InlineData("\"soc\": \"esp32\"", "\"soc\": \"esp32\\x\"", BoardStatus.MalformedJson, "")]
    public void Refuses_A_Broken_Profile_Naming_The_Field(string original, string replacement, BoardStatus expected, string expectedField)
    {
        Assert.Contains(original, Mmc);
        BoardStatus status = Read(Mmc.Replace(original, replacement), out BoardProfile? profile, out string field);

        Assert.Equal(expected, status);
        Assert.Equal(expectedField, field);
        Assert.Null(profile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"schema\":\"camagent-board/1\"} {}")]
    [InlineData("{\"schema\":\"camagent-board/1\"")]
    [InlineData("{\"schema\":\"unterminated}")]
    [InlineData("{\"schema\":tru}")]
    public void Refuses_Text_That_Is_Not_One_Flat_Object(string json)
    {
        BoardStatus status = Read(json, out BoardProfile? profile, out _);

        Assert.Equal(BoardStatus.MalformedJson, status);
        Assert.Null(profile);
    }

    [Fact]
    public void Decodes_String_Escapes_And_Utf8()
    {
        var reader = new FlatJsonReader();
        byte[] json = Encoding.UTF8.GetBytes("{\"q\": \"a\\\"b\\\\c\\u00e9\\n\u00fc\", \"n\": -12, \"t\": true}");
        reader.Begin(json, 0, json.Length);

        Assert.True(reader.Next());
        Assert.Equal("a\"b\\c\u00e9\n\u00fc", reader.StringValue);
        Assert.True(reader.Next());
        Assert.Equal((JsonValueKind.Integer, -12), (reader.Kind, reader.IntegerValue));
        Assert.True(reader.Next());
        Assert.Equal((JsonValueKind.Boolean, true), (reader.Kind, reader.BooleanValue));
        Assert.False(reader.Next());
        Assert.False(reader.IsMalformed);
    }

    private static BoardStatus Read(string json, out BoardProfile? profile, out string field)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        return BoardProfileReader.Read(bytes, 0, bytes.Length, out profile, out field);
    }
}

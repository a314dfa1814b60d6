using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Core.Config;
using CamAgent.Core.Tests.Support;

namespace CamAgent.Core.Tests.Config;

public sealed class ConfigValidatorTests : IClassFixture<CredentialsFixture>
{
    private readonly TestCredentials _creds;
    private readonly ConfigValidator _validator;

    public ConfigValidatorTests(CredentialsFixture fixture)
    {
        _creds = fixture.Credentials;
        _validator = fixture.Validator;
    }

    private ConfigResult Validate(byte[] text) => _validator.Validate(text, 0, text.Length);

    private ConfigResult WithField(string key, string? value)
    {
        var fields = _creds.Fields();
        int index = fields.FindIndex(f => f.Key == key);
        if (value is null)
        {
            fields.RemoveAt(index);
        }
        else if (index < 0)
        {
            fields.Add(new(key, value));
        }
        else
        {
            fields[index] = new(key, value);
        }

        return Validate(TestCredentials.Render(fields));
    }

    [Fact]
    public void Accepts_The_Valid_Configuration_And_Exposes_Every_Field()
    {
        ConfigResult result = Validate(_creds.ValidText(7));
        Assert.True(result.IsOk, result.ToString());
        DeviceConfig config = result.Config;
        Assert.Equal(7, config.Serial);
        Assert.Equal(TestCredentials.DeviceId, config.DeviceId);
        Assert.Equal(TestCredentials.Host, config.AgencyHost);
        Assert.Equal(_creds.AgencyCaDer, config.AgencyCaDer);
        Assert.Equal(_creds.DeviceCertificateDer, config.DeviceCertificateDer);
        Assert.Equal(TestCredentials.Point(_creds.DeviceKey), config.DevicePublicKey);
        Assert.Equal(_creds.ReceiptPublicKey, config.ReceiptPublicKey);
        Assert.Equal(SignerChoice.Software, config.Signer);
        Assert.Equal(16384, config.ChunkSizeBytes);
        Assert.Equal(ConfigLimits.DefaultConnectTimeoutMs, config.ConnectTimeoutMs);
        Assert.Equal(ConfigLimits.DefaultMaxBackoffMs, config.MaxBackoffMs);
        Assert.DoesNotContain(config.WifiPassword, config.ToString());
    }

    public static TheoryData<string, string?, ConfigError> FieldCases => new()
    {
        // The optional agency address: one spelling of a unicast IPv4 address.
        { "agency.address", "ingest.agency.example", ConfigError.AgencyAddressInvalid },
        { "agency.address", "198.51.100.010", ConfigError.AgencyAddressInvalid },
        { "agency.address", "198.51.100", ConfigError.AgencyAddressInvalid },
        { "agency.address", "198.51.100.10.1", ConfigError.AgencyAddressInvalid },
        { "agency.address", "198.51.100.256", ConfigError.AgencyAddressInvalid },
        { "agency.address", "0x7f.0.0.1", ConfigError.AgencyAddressInvalid },
        { "agency.address", "127.0.0.1", ConfigError.AgencyAddressInvalid },
        { "agency.address", "0.0.0.0", ConfigError.AgencyAddressInvalid },
        { "agency.address", "224.0.0.1", ConfigError.AgencyAddressInvalid },
        { "agency.address", "2001:db8::7", ConfigError.AgencyAddressInvalid },
        { "agency.address", "198.51.100.10:443", ConfigError.AgencyAddressInvalid },

        // Attempts to choose the port, scheme or endpoint.
        { "agency.host", "ingest.agency.example:8443", ConfigError.PortNotConfigurable },
        { "agency.host", "ingest.agency.example:443", ConfigError.PortNotConfigurable },
        { "agency.host", "https://ingest.agency.example", ConfigError.SchemeNotAllowed },
        { "agency.host", "http://ingest.agency.example", ConfigError.SchemeNotAllowed },
        { "agency.host", "https:ingest.agency.example", ConfigError.SchemeNotAllowed },
        { "agency.host", "HTTPS://ingest.agency.example/files/", ConfigError.SchemeNotAllowed },
        { "agency.host", "admin@ingest.agency.example", ConfigError.UserInfoNotAllowed },
        { "agency.host", "ingest.agency.example/files", ConfigError.PathNotAllowed },
        { "agency.host", "ingest.agency.example?x=1", ConfigError.PathNotAllowed },
        { "agency.host", "ingest.agency.example#frag", ConfigError.PathNotAllowed },
        { "agency.host", "ingest.agency.example\\x", ConfigError.PathNotAllowed },
        { "agency.port", "443", ConfigError.PortNotConfigurable },
        { "port", "9091", ConfigError.PortNotConfigurable },
        { "upload.port", "443", ConfigError.PortNotConfigurable },
        { "agency.url", "https://ingest.agency.example/files/", ConfigError.SchemeNotAllowed },
        { "agency.endpoint", "ingest.agency.example", ConfigError.SchemeNotAllowed },
        // IP literals in every spelling.
        { "agency.host", "203.0.113.7", ConfigError.HostIsIpLiteral },
        { "agency.host", "127.0.0.1", ConfigError.HostIsIpLiteral },
        { "agency.host", "2130706433", ConfigError.HostIsIpLiteral },
        { "agency.host", "0x7f.1", ConfigError.HostIsIpLiteral },
        { "agency.host", "0x7f000001", ConfigError.HostIsIpLiteral },
        { "agency.host", "017700000001", ConfigError.HostIsIpLiteral },
        { "agency.host", "0177.0.0.01", ConfigError.HostIsIpLiteral },
        { "agency.host", "[::1]", ConfigError.HostIsIpLiteral },
        { "agency.host", "::ffff:127.0.0.1", ConfigError.HostIsIpLiteral },
        { "agency.host", "2001:db8::7", ConfigError.HostIsIpLiteral },
        { "agency.host", "[2001:db8::7]:443", ConfigError.HostIsIpLiteral },
        // Wildcards, look-alikes and malformed names.
        { "agency.host", "*.agency.example", ConfigError.HostWildcard },
        { "agency.host", "ingest.*.example", ConfigError.HostWildcard },
        { "agency.host", "xn--ngest-9ua.agency.example", ConfigError.HostPunycode },
        { "agency.host", "ingest.xn--agncy-esa.example", ConfigError.HostPunycode },
        { "agency.host", "Ingest.Agency.Example", ConfigError.HostNotLowercase },
        { "agency.host", "ingest.agency.example.", ConfigError.HostTrailingDot },
        { "agency.host", "ingest..agency.example", ConfigError.HostEmptyLabel },
        { "agency.host", ".ingest.agency.example", ConfigError.HostEmptyLabel },
        { "agency.host", "-ingest.agency.example", ConfigError.HostLabelHyphen },
        { "agency.host", "ingest-.agency.example", ConfigError.HostLabelHyphen },
        { "agency.host", "ingest_1.agency.example", ConfigError.HostInvalidCharacter },
        { "agency.host", "ingest agency.example", ConfigError.HostInvalidCharacter },
        { "agency.host", "localhost", ConfigError.HostSingleLabel },
        { "agency.host", "ingest", ConfigError.HostSingleLabel },
        { "agency.host", "ingest.agency.123", ConfigError.HostNumericTopLabel },
        { "agency.host", new string('a', 64) + ".example", ConfigError.HostLabelTooLong },
        { "agency.host", string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".example", ConfigError.HostTooLong },
        { "agency.host", "", ConfigError.EmptyValue },
        // Missing fields.
        { "agency.host", null, ConfigError.MissingField },
        { "agency.ca", null, ConfigError.MissingField },
        { "device.certificate", null, ConfigError.MissingField },
        { "device.key", null, ConfigError.MissingField },
        { "receipt.key", null, ConfigError.MissingField },
        { "device.id", null, ConfigError.MissingField },
        { "config.serial", null, ConfigError.MissingField },
        { "wifi.ssid", null, ConfigError.MissingField },
        // Values.
        { "config.version", "2", ConfigError.UnsupportedVersion },
        { "config.serial", "0", ConfigError.InvalidNumber },
        { "config.serial", "-5", ConfigError.InvalidNumber },
        { "config.serial", "007", ConfigError.InvalidNumber },
        { "config.serial", "1e3", ConfigError.InvalidNumber },
        { "device.id", "CAM-0042", ConfigError.DeviceIdInvalid },
        { "device.id", "../etc", ConfigError.DeviceIdInvalid },
        { "device.id", "cam-0043", ConfigError.DeviceIdMismatch },
        { "agency.ca", "not base64!", ConfigError.InvalidBase64 },
        { "agency.ca", "QUJD", ConfigError.CertificateMalformed },
        { "agency.ca", Convert.ToBase64String(new byte[2060]), ConfigError.CertificateTooLarge },
        { "device.signer", "tpm", ConfigError.SignerKindUnknown },
        { "device.key", Convert.ToBase64String(new byte[32]), ConfigError.DeviceKeyInvalid },
        { "device.key", Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 32).ToArray()), ConfigError.DeviceKeyInvalid },
        { "device.key", Convert.ToBase64String(new byte[31]), ConfigError.DeviceKeyInvalid },
        { "receipt.key", Convert.ToBase64String(new byte[65]), ConfigError.ReceiptKeyInvalid },
        { "receipt.key", Convert.ToBase64String(new byte[33]), ConfigError.ReceiptKeyInvalid },
        { "wifi.ssid", new string('s', 33), ConfigError.WifiSsidInvalid },
        { "wifi.password", "short", ConfigError.WifiPasswordInvalid },
        { "wifi.password", new string('p', 64), ConfigError.WifiPasswordInvalid },
        { "upload.chunk_size_bytes", "12288", ConfigError.ChunkSizeInvalid },
        { "upload.chunk_size_bytes", "32768", ConfigError.OutOfRange },
        { "upload.chunk_size_bytes", "1024", ConfigError.OutOfRange },
        { "upload.chunk_size_bytes", "+16384", ConfigError.InvalidNumber },
        { "upload.connect_timeout_ms", "10", ConfigError.OutOfRange },
        { "upload.max_backoff_ms", "99999999", ConfigError.OutOfRange },
        { "upload.max_backoff_ms", "ten", ConfigError.InvalidNumber },
        { "wifi.country", "us", ConfigError.UnknownKey },
    };

    [Fact]
    public void Accepts_An_Agency_Address_And_Asks_It_For_Time_While_Tls_Still_Names_The_Host()
    {
        ConfigResult result = Validate([.. _creds.ValidText(7), .. "agency.address = 198.51.100.10\n"u8.ToArray()]);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal("198.51.100.10", result.Config.AgencyAddress);
        Assert.Equal("198.51.100.10", result.Config.AgencyTimeServer);
        Assert.Equal(TestCredentials.Host, result.Config.AgencyHost);
        Assert.Null(Validate(_creds.ValidText(7)).Config.AgencyAddress);
        Assert.Equal(TestCredentials.Host, Validate(_creds.ValidText(7)).Config.AgencyTimeServer);
    }

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void Refuses_Each_Hand_Written_Bad_Field_With_Its_Specific_Error(string key, string? value, ConfigError expected)
    {
        ConfigResult result = WithField(key, value);
        Assert.Equal(expected, result.Error);
        Assert.Null(result.Config);
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    [Fact]
    public void Refuses_A_Wrong_Private_Key_With_CredentialMismatch()
    {
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ConfigResult result = WithField("device.key", Convert.ToBase64String(other.ExportParameters(true).D!));
        Assert.Equal(ConfigError.CredentialMismatch, result.Error);
        Assert.Equal("device.key", result.Field);
        Assert.DoesNotContain(Convert.ToBase64String(other.ExportParameters(true).D!), result.Message);
    }

    [Fact]
    public void Refuses_A_Software_Key_On_A_Board_With_A_Secure_Element()
    {
        // The board's secure element holds the certificate's own key, so only the board rule can refuse.
        var secureElement = new DotNetP256Signer(_creds.DeviceKey.ExportParameters(true).D!);
        var validator = new ConfigValidator(new SignerCredentialCheck(key => new DotNetP256Signer(key), secureElement));

        byte[] text = TestCredentials.Render(_creds.Fields());
        ConfigResult result = validator.Validate(text, 0, text.Length);

        Assert.Equal(ConfigError.SoftwareKeyOnSecureElementBoard, result.Error);
        Assert.Equal("device.signer", result.Field);
        Assert.Contains("secure element", result.Message);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Refuses_A_Device_Certificate_As_The_Agency_CA()
    {
        Assert.Equal(ConfigError.AgencyCaNotCertificateAuthority, WithField("agency.ca", Convert.ToBase64String(_creds.DeviceCertificateDer)).Error);
    }

    [Fact]
    public void Refuses_The_CA_Certificate_As_The_Device_Certificate()
    {
        Assert.Equal(ConfigError.DeviceCertificateIsCertificateAuthority, WithField("device.certificate", Convert.ToBase64String(_creds.AgencyCaDer)).Error);
    }

    [Fact]
    public void Refuses_A_Device_Certificate_With_An_Rsa_Key()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + TestCredentials.DeviceId, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        Assert.Equal(ConfigError.DeviceCertificateKeyNotP256, WithField("device.certificate", Convert.ToBase64String(cert.RawData)).Error);
    }

    [Fact]
    public void Refuses_A_Secure_Element_Configuration_That_Carries_A_Private_Key()
    {
        Assert.Equal(ConfigError.DeviceKeyNotAllowed, WithField("device.signer", "secure-element").Error);
    }

    [Theory]
    [InlineData("config.version = 1\r\n", ConfigError.CarriageReturn)]
    [InlineData("config.version = 1\nagency.host = ingest.agency.example\u00e9\n", ConfigError.NotPrintableAscii)]
    [InlineData("config.version = 1\n\tagency.host = x\n", ConfigError.NotPrintableAscii)]
    [InlineData("config.version 1\n", ConfigError.MalformedLine)]
    [InlineData("Config.Version = 1\n", ConfigError.InvalidKey)]
    [InlineData("agency-host = x\n", ConfigError.InvalidKey)]
    [InlineData(" = 1\n", ConfigError.InvalidKey)]
    [InlineData("config.version = 1\nconfig.version = 1\n", ConfigError.DuplicateKey)]
    [InlineData("", ConfigError.MissingField)]
    [InlineData("# only a comment\n", ConfigError.MissingField)]
    public void Refuses_Malformed_Files_With_A_Specific_Error(string text, ConfigError expected)
    {
        Assert.Equal(expected, Validate(Encoding.UTF8.GetBytes(text)).Error);
    }

    [Fact]
    public void Refuses_Oversized_Files_And_Lines()
    {
        byte[] valid = _creds.ValidText();
        byte[] padded = valid.Concat(Encoding.ASCII.GetBytes(new string('#', ConfigLimits.MaxConfigBytes))).ToArray();
        Assert.Equal(ConfigError.TooLarge, Validate(padded).Error);
        byte[] longLine = Encoding.ASCII.GetBytes("#" + new string('x', ConfigLimits.MaxLineBytes) + "\n").Concat(valid).ToArray();
        Assert.Equal(ConfigError.LineTooLong, Validate(longLine).Error);
    }

    [Fact]
    public void Names_The_Line_Of_The_Offending_Field()
    {
        ConfigResult result = WithField("agency.host", "ingest.agency.example:9091");
        Assert.Equal("agency.host", result.Field);
        Assert.Equal(5, result.Line); // comment line, version, serial, device id, host
        Assert.Contains("443", result.Message);
    }

    [Fact]
    public void Accepts_Comments_Blank_Lines_Spaces_And_An_Open_Network()
    {
        var fields = _creds.Fields();
        fields[fields.FindIndex(f => f.Key == "wifi.password")] = new("wifi.password", "");
        string text = "\n# comment\n\n" + Encoding.ASCII.GetString(TestCredentials.Render(fields)).Replace(" = ", "   =  ");
        ConfigResult result = Validate(Encoding.ASCII.GetBytes(text));
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal("", result.Config.WifiPassword);
    }
}

public sealed class CredentialsFixture
{
    public CredentialsFixture()
    {
        Credentials = new TestCredentials();
        Validator = new ConfigValidator(new SignerCredentialCheck(key => new DotNetP256Signer(key), null));
    }

    public TestCredentials Credentials { get; }

    public ConfigValidator Validator { get; }
}

namespace CamAgent.Cli.Tests.Egress;

/// <summary>`camagent egress policy`: every ruleset it writes loads in nftables; every bad value is one line and exit 3.</summary>
public sealed class EgressPolicyCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(["egress", "policy", .. args], new CliContext(output, error, new StringReader(string.Empty)));
        return (code, output.ToString(), error.ToString());
    }

    public static TheoryData<string, string, string?> Policies => new()
    {
        { "10.214.1.0/24", "10.214.2.2", null },
        { "10.20.0.0/16", "198.51.100.10", "198.51.100.53" },
        { "192.0.2.0/28", "198.51.100.10", null },
        { "10.0.0.0/8", "192.0.2.1", "192.0.2.53" },
        { "192.0.2.7/32", "198.51.100.10", null },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Nft_Check_Accepts_Every_Generated_Policy(string cameras, string agency, string? dns)
    {
        Assert.True(GatewayNetwork.MissingTool("nft") is null, GatewayNetwork.MissingTool("nft"));
        using var work = new TempFolder();
        string file = work.Combine("policy.nft");
        string[] args = ["--agency-host", "ingest.agency.example", "--camera-net", cameras, "--agency-address", agency, "--out", file];
        (int code, string _, string error) = Run(dns is null ? args : [.. args, "--dns", dns]);

        Assert.True(code == ExitCodes.Ok, error);
        var check = Shell.Run("nft", $"-c -f {file}");
        Assert.True(check.Exit == 0, $"nft -c refused:\n{check.Error}\n{File.ReadAllText(file)}");
        string text = File.ReadAllText(file);
        Assert.Contains($"ip saddr {cameras} ip daddr {agency} tcp dport 443 counter name agency_https accept", text);
        Assert.Contains($"ip saddr {cameras} ip daddr {agency} udp dport 123 counter name agency_ntp accept", text);
        Assert.Equal(dns is not null, text.Contains("th dport 53", StringComparison.Ordinal));
        Assert.Contains("log prefix \"camagent-egress-drop: \"", text);
    }

    [Fact]
    public void Writes_The_Ruleset_To_Standard_Output_With_The_Host_From_The_Pki_Folder()
    {
        using var work = new TempFolder();
        SimCaptureTests.ProvisionCamera(work);

        (int code, string output, string error) = Run("--pki", work.Combine("pki"), "--camera-net", "10.214.1.0/24", "--agency-address", "10.214.2.2");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("#!/usr/sbin/nft -f", output);
        Assert.Contains("Agency host ingest.agency.example at 10.214.2.2", output);
    }

    [Theory]
    [InlineData("--camera-net", "10.20.0.0", "not an IPv4 network in CIDR form")]
    [InlineData("--camera-net", "10.20.0.1/16", "has host bits set")]
    [InlineData("--camera-net", "10.20.0.0/33", "not an IPv4 network in CIDR form")]
    [InlineData("--camera-net", "2001:db8::/32", "not an IPv4 network in CIDR form")]
    [InlineData("--agency-address", "ingest.agency.example", "not an IPv4 address")]
    [InlineData("--agency-address", "0x0a.0.0.1", "not an IPv4 address")]
    [InlineData("--agency-address", "10.20.3.4", "inside the camera network")]
    [InlineData("--dns", "2001:db8::53", "not an IPv4 address")]
    [InlineData("--agency-host", "198.51.100.10", "is not a host name the cameras can dial")]
    [InlineData("--agency-host", "https://ingest.agency.example", "is not a host name the cameras can dial")]
    public void A_Wrong_Value_Is_Refused_With_One_Line_And_Exit_3(string option, string value, string message)
    {
        var values = new Dictionary<string, string>
        {
            ["--agency-host"] = "ingest.agency.example",
            ["--camera-net"] = "10.20.0.0/16",
            ["--agency-address"] = "198.51.100.10",
        };
        values[option] = value;

        (int code, string output, string error) = Run([.. values.SelectMany(p => new[] { p.Key, p.Value })]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error);
    }

    [Fact]
    public void Both_Or_Neither_Source_Of_The_Host_Name_Is_A_Usage_Error()
    {
        Assert.Equal(ExitCodes.Usage, Run("--camera-net", "10.20.0.0/16", "--agency-address", "198.51.100.10").Code);
        Assert.Equal(ExitCodes.Usage, Run("--pki", "/nonexistent", "--agency-host", "a.example", "--camera-net", "10.20.0.0/16", "--agency-address", "198.51.100.10").Code);
    }
}

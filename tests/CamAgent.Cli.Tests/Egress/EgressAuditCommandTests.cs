using System.Text.Json;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// `camagent egress audit` on captures written in both file formats: each flow from the camera
/// network is reported and judged (SNI, NTP, DNS names), exit 0 clean, 1 violations, 3 unreadable.
/// </summary>
public sealed class EgressAuditCommandTests
{
    private const string Host = "ingest.agency.example";
    private const string Camera = "10.20.1.7";
    private const string Agency = "198.51.100.10";
    private const string Resolver = "198.51.100.53";
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static (int Code, string Output, string Error) Audit(string capture, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["egress", "audit", "--capture", capture, "--agency-host", Host, "--camera-net", "10.20.0.0/16", "--agency-address", Agency, "--dns", Resolver, .. extra];
        int code = Program.Run(args, new CliContext(output, error, new StringReader(string.Empty)));
        return (code, output.ToString(), error.ToString());
    }

    private static void WriteClean(CaptureFileWriter capture)
    {
        capture.Tcp(Start, Camera, 40001, Agency, 443, 1000, []);
        capture.Tcp(Start.AddMilliseconds(1), Agency, 443, Camera, 40001, 5000, []);
        byte[] hello = ClientHelloBytes.With(Host);
        // The ClientHello split over two segments, with the second retransmitted: read once, in order.
        capture.Tcp(Start.AddMilliseconds(2), Camera, 40001, Agency, 443, 1001, hello[..40]);
        capture.Tcp(Start.AddMilliseconds(3), Camera, 40001, Agency, 443, 1041, hello[40..]);
        capture.Tcp(Start.AddMilliseconds(4), Camera, 40001, Agency, 443, 1041, hello[40..]);
        capture.Udp(Start.AddMilliseconds(5), Camera, 50123, Agency, 123, RoguePackets.SntpRequest());
        capture.Udp(Start.AddMilliseconds(6), Camera, 50053, Resolver, 53, RoguePackets.DnsQuery(Host));
        capture.Udp(Start.AddMilliseconds(7), Resolver, 53, Camera, 50053, RoguePackets.DnsQuery(Host));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_Capture_Of_Allowed_Flows_Is_Clean_In_Pcap_And_Pcapng(bool pcapng)
    {
        using var work = new TempFolder();
        string file = work.Combine(pcapng ? "clean.pcapng" : "clean.pcap");
        using (var capture = new CaptureFileWriter(file, pcapng))
        {
            WriteClean(capture);
        }

        (int code, string output, string error) = Audit(file);

        Assert.True(code == ExitCodes.Ok, output + error);
        Assert.Contains($"ok        tcp {Camera}:40001 -> {Agency}:443", output);
        Assert.Contains("out 4 packets", output);
        Assert.Contains($"SNI {Host}", output);
        Assert.Contains($"ok        udp {Camera}:50123 -> {Agency}:123", output);
        Assert.Contains($"ok        udp {Camera}:50053 -> {Resolver}:53", output);
        Assert.Contains("in 1 packets", output);
        Assert.Contains("verdict: clean", output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_Violation_Is_Listed_With_Its_Reason_And_The_Exit_Code_Is_1(bool pcapng)
    {
        using var work = new TempFolder();
        string file = work.Combine("rogue");
        using (var capture = new CaptureFileWriter(file, pcapng))
        {
            WriteClean(capture);
            capture.Tcp(Start.AddSeconds(1), Camera, 40002, Agency, 443, 1, ClientHelloBytes.With("exfil.example"));
            capture.Tcp(Start.AddSeconds(2), Camera, 40003, "203.0.113.9", 9091, 1, ClientHelloBytes.With(Host));
            capture.Udp(Start.AddSeconds(3), Camera, 50054, Resolver, 53, RoguePackets.DnsQuery("pool.ntp.org"));
            capture.Udp(Start.AddSeconds(4), Camera, 50055, "203.0.113.9", 53, RoguePackets.DnsQuery(Host));
            capture.Udp(Start.AddSeconds(5), Camera, 50124, "203.0.113.9", 123, RoguePackets.SntpRequest());
            capture.Tcp(Start.AddSeconds(6), Camera, 40004, Agency, 443, 1, "GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        }

        (int code, string output, _) = Audit(file);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("TLS to the agency address names another host (SNI exfil.example)", output);
        Assert.Contains($"VIOLATION tcp {Camera}:40003 -> 203.0.113.9:9091", output);
        Assert.Contains($"TLS (SNI {Host}) on port 9091", output);
        Assert.Contains($"DNS query for pool.ntp.org: only {Host} may be asked", output);
        Assert.Contains("DNS query to 203.0.113.9, which is not the configured resolver", output);
        Assert.Contains($"VIOLATION udp {Camera}:50124 -> 203.0.113.9:123", output);
        Assert.Contains("not TLS: the first bytes are not a TLS handshake", output);
        Assert.Contains("verdict: 6 violation(s)", output);
    }

    [Fact]
    public void Json_Report_Lists_Every_Flow_With_Its_Verdict()
    {
        using var work = new TempFolder();
        string file = work.Combine("c.pcapng");
        using (var capture = new CaptureFileWriter(file, pcapng: true))
        {
            WriteClean(capture);
            capture.Udp(Start.AddSeconds(1), Camera, 50124, "203.0.113.9", 123, RoguePackets.SntpRequest());
        }

        (int code, string output, _) = Audit(file, "--json");

        Assert.Equal(ExitCodes.Invalid, code);
        using JsonDocument report = JsonDocument.Parse(output);
        JsonElement[] flows = report.RootElement.GetProperty("flows").EnumerateArray().ToArray();
        Assert.Equal(4, flows.Length);
        Assert.Equal(Host, flows[0].GetProperty("sni").GetString());
        Assert.Equal(4, flows[0].GetProperty("packetsOut").GetInt64());
        Assert.Equal("2026-03-01T08:00:00.000Z", flows[0].GetProperty("first").GetString());
        Assert.False(flows[3].GetProperty("allowed").GetBoolean());
        Assert.Equal(1, report.RootElement.GetProperty("violations").GetInt32());
        Assert.Equal("violations", report.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void A_File_That_Is_Not_A_Capture_Exits_3_With_One_Line()
    {
        using var work = new TempFolder();
        string file = work.Combine("notes.txt");
        File.WriteAllText(file, "this is not a packet capture\n");

        (int code, string output, string error) = Audit(file);
        (int missingCode, _, string missingError) = Audit(work.Combine("absent.pcap"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(ExitCodes.BadInput, missingCode);
        Assert.Contains("does not exist", missingError);
    }

    [Fact]
    public void A_Capture_Cut_Inside_A_Packet_Exits_3()
    {
        using var work = new TempFolder();
        string file = work.Combine("cut.pcap");
        using (var capture = new CaptureFileWriter(file, pcapng: false))
        {
            WriteClean(capture);
        }

        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length - 10);
        }

        Assert.Equal(ExitCodes.BadInput, Audit(file).Code);
    }
}

using Xunit.Abstractions;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>
/// The agency's side of the egress promise, on a real network: a camera namespace routed through a
/// gateway that runs the generated nftables policy to the agency and to a foreign server. A receipted
/// `camagent sim` run to `camagent serve` on 443 passes the gateway and the capture audit; a rogue
/// process in the camera namespace (TLS to the foreign server on 9091 and 443, NTP and a DNS query to
/// it) is dropped and counted by the gateway, never reaches the foreign side, and the audit names each
/// of its flows. Needs root, iproute2, nftables, tcpdump and openssl (./test.sh installs them); without
/// them the test fails and says which is missing.
/// </summary>
public sealed class EgressGatewayTests(ITestOutputHelper output)
{
    private const string AgencyHost = "ingest.agency.example";

    [Fact]
    public void The_Gateway_Passes_A_Receipted_Run_Drops_Every_Rogue_Packet_And_The_Audit_Names_Each_Rogue_Flow()
    {
        string? missing = GatewayNetwork.MissingPrerequisite();
        Assert.True(missing is null, missing);
        using var net = GatewayNetwork.Create();
        using var work = new TempFolder();
        // agency.address: the camera dials the agency and asks it for time without DNS (the camera
        // namespace has no resolver and no hosts entry, so the run succeeds only through the address).
        string config = SimCaptureTests.ProvisionCamera(work, GatewayNetwork.Agency.ToString());
        Assert.Contains("agency.address = " + GatewayNetwork.Agency, File.ReadAllText(config));
        LoadPolicy(net, work);

        using var server = NamespaceProcess.Start(net.AgencyNs, ["dotnet", CamAgentProcess.DllPath, "serve", "--pki", work.Combine("pki"), "--store", work.Combine("store"), "--listen", GatewayNetwork.Agency.ToString(), "--port", "443"], "listening on", "TERM");
        using var foreign = StartCapture(net.ForeignNs, work.Combine("foreign.pcap"));

        using (var camera = StartCapture(net.CameraNs, work.Combine("clean.pcap")))
        {
            var sim = GatewayNetwork.In(net.CameraNs, $"dotnet {CamAgentProcess.DllPath} sim --config {config} --card {work.Combine("card")} --state {work.Combine("flash")} --segments 3 --segment-bytes 65536 --interval-ms 100 --timeout-s 60");
            output.WriteLine("sim: " + sim.Output + sim.Error);
            Assert.True(sim.Exit == 0, $"sim exit {sim.Exit}: {sim.Error}");
            camera.Stop();
        }

        var afterClean = NftCounters.Read(net.GatewayNs);
        output.WriteLine("nftables counters after the receipted run:\n" + afterClean.Text);
        Assert.True(afterClean.Packets["agency_https"] > 0, "no packet to the agency crossed the gateway");
        Assert.Equal(0, afterClean.Packets["dropped_forward"] + afterClean.Packets["dropped_input"]);
        CamAgentProcess.Result cleanAudit = Audit(work, "clean.pcap");
        output.WriteLine("audit of the receipted run:\n" + cleanAudit);
        Assert.Equal(0, cleanAudit.ExitCode);

        using (var camera = StartCapture(net.CameraNs, work.Combine("rogue.pcap")))
        {
            RunRogue(net, work);
            camera.Stop();
        }

        foreign.Stop();
        var afterRogue = NftCounters.Read(net.GatewayNs);
        output.WriteLine("nftables counters after the rogue run:\n" + afterRogue.Text);
        Assert.True(afterRogue.Packets["dropped_forward"] >= 4, "the gateway did not count the rogue packets");
        Assert.Equal(afterClean.Packets["agency_https"], afterRogue.Packets["agency_https"]);
        AssertNothingReachedForeignSide(work.Combine("foreign.pcap"));

        CamAgentProcess.Result rogueAudit = Audit(work, "rogue.pcap");
        output.WriteLine("audit of the rogue run:\n" + rogueAudit);
        Assert.Equal(1, rogueAudit.ExitCode);
        string f = GatewayNetwork.Foreign.ToString();
        Assert.Matches($@"VIOLATION tcp 10\.214\.1\.2:\d+ -> {f}:9091", rogueAudit.Output);
        Assert.Matches($@"VIOLATION tcp 10\.214\.1\.2:\d+ -> {f}:443", rogueAudit.Output);
        Assert.Matches($@"VIOLATION udp 10\.214\.1\.2:\d+ -> {f}:123", rogueAudit.Output);
        Assert.Matches($@"VIOLATION udp 10\.214\.1\.2:\d+ -> {f}:53[\s\S]*pool\.ntp\.org", rogueAudit.Output);
        Assert.Contains("verdict: 4 violation(s)", rogueAudit.Output);
    }

    private void LoadPolicy(GatewayNetwork net, TempFolder work)
    {
        string file = work.Combine("gateway.nft");
        CamAgentProcess.Result policy = CamAgentProcess.Run(work.Path, "egress", "policy", "--pki", work.Combine("pki"), "--camera-net", GatewayNetwork.CameraNet, "--agency-address", GatewayNetwork.Agency.ToString(), "--out", file);
        Assert.True(policy.ExitCode == 0, policy.ToString());
        output.WriteLine(File.ReadAllText(file));
        var check = Shell.Run("nft", $"-c -f {file}");
        Assert.True(check.Exit == 0, "nft -c refused the generated policy: " + check.Error);
        var load = Shell.Run("ip", $"netns exec {net.GatewayNs} nft -f {file}");
        Assert.True(load.Exit == 0, "nft -f: " + load.Error);
    }

    // TLS to the foreign server on 9091 and 443, an SNTP request and a DNS question for pool.ntp.org to it.
    private static void RunRogue(GatewayNetwork net, TempFolder work)
    {
        string f = GatewayNetwork.Foreign.ToString();
        File.WriteAllBytes(work.Combine("ntp.bin"), RoguePackets.SntpRequest());
        File.WriteAllBytes(work.Combine("dns.bin"), RoguePackets.DnsQuery("pool.ntp.org"));
        string script = work.Combine("rogue.sh");
        File.WriteAllText(script, $"""
            timeout 4 openssl s_client -connect {f}:9091 -servername exfil.example < /dev/null > /dev/null 2>&1
            timeout 4 openssl s_client -connect {f}:443 -servername {AgencyHost} < /dev/null > /dev/null 2>&1
            cat {work.Combine("ntp.bin")} > /dev/udp/{f}/123
            cat {work.Combine("dns.bin")} > /dev/udp/{f}/53
            exit 0
            """);
        var rogue = Shell.Run("ip", $"netns exec {net.CameraNs} bash {script}");
        Assert.True(rogue.Exit == 0, "the rogue script failed: " + rogue.Error);
    }

    private void AssertNothingReachedForeignSide(string capture)
    {
        var seen = Shell.Run("tcpdump", $"-r {capture} -n src net {GatewayNetwork.CameraNet}");
        output.WriteLine($"foreign side, packets from the camera network: [{seen.Output.Trim()}]");
        Assert.True(seen.Exit == 0, seen.Error);
        Assert.Equal(string.Empty, seen.Output.Trim());
    }

    private static NamespaceProcess StartCapture(string ns, string file) =>
        NamespaceProcess.Start(ns, ["tcpdump", "-i", GatewayNetwork.Interface, "-n", "-U", "--immediate-mode", "-w", file], "listening on", "INT");

    private static CamAgentProcess.Result Audit(TempFolder work, string capture) =>
        CamAgentProcess.Run(work.Path, "egress", "audit", "--capture", work.Combine(capture), "--pki", work.Combine("pki"), "--camera-net", GatewayNetwork.CameraNet, "--agency-address", GatewayNetwork.Agency.ToString());
}

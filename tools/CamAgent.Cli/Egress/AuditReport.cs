using System.Globalization;
using System.Text.Json;

namespace CamAgent.Cli.Egress;

/// <summary>Writes an <see cref="AuditResult"/> as text for a person or as JSON for a monitoring system (docs/agency-network.md §5).</summary>
public static class AuditReport
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static void WriteText(AuditResult result, TextWriter output)
    {
        EgressPolicy policy = result.Policy;
        output.WriteLine($"capture: {result.Capture}");
        output.WriteLine($"policy: cameras {policy.CameraNet}; agency {policy.AgencyHost} at {policy.AgencyAddress} (TCP {EgressConstants.HttpsPort}, UDP {EgressConstants.NtpPort}); resolver {policy.Resolver?.ToString() ?? "none"}");
        output.WriteLine($"read: {result.Frames} frames ({result.Ipv4Packets} IPv4, {result.OtherFrames} other, not judged), {result.UnrelatedPackets} IPv4 packets unrelated to the cameras, {result.Verdicts.Count} flows from the camera network; {result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s, peak memory {result.PeakWorkingSetBytes / (1024 * 1024)} MiB");
        output.WriteLine();
        foreach (FlowVerdict verdict in result.Verdicts)
        {
            Flow flow = verdict.Flow;
            output.WriteLine($"{(verdict.Allowed ? "ok       " : "VIOLATION")} {flow.Key}");
            output.WriteLine($"          out {flow.PacketsOut} packets / {flow.BytesOut} bytes, in {flow.PacketsIn} packets / {flow.BytesIn} bytes, {flow.FirstUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)} .. {flow.LastUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)}{Names(flow)}");
            output.WriteLine($"          {verdict.Reason}");
        }

        if (result.UntrackedPackets > 0)
        {
            output.WriteLine($"VIOLATION {result.UntrackedPackets} packets from the cameras in flows beyond the first {EgressConstants.MaxFlows} (counted, not itemised)");
        }

        output.WriteLine();
        output.WriteLine(result.Clean
            ? "verdict: clean (every flow from the camera network is allowed by the policy)"
            : $"verdict: {result.ViolationCount} violation(s)");
    }

    public static void WriteJson(AuditResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("capture", result.Capture);
        json.WriteStartObject("policy");
        json.WriteString("agencyHost", result.Policy.AgencyHost);
        json.WriteString("agencyAddress", result.Policy.AgencyAddress.ToString());
        json.WriteString("cameraNet", result.Policy.CameraNet.ToString());
        json.WriteString("resolver", result.Policy.Resolver?.ToString());
        json.WriteEndObject();
        json.WriteNumber("frames", result.Frames);
        json.WriteNumber("ipv4Packets", result.Ipv4Packets);
        json.WriteNumber("otherFrames", result.OtherFrames);
        json.WriteNumber("unrelatedPackets", result.UnrelatedPackets);
        json.WriteNumber("untrackedPackets", result.UntrackedPackets);
        json.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        json.WriteNumber("peakWorkingSetBytes", result.PeakWorkingSetBytes);
        json.WriteStartArray("flows");
        foreach (FlowVerdict verdict in result.Verdicts)
        {
            WriteFlow(json, verdict);
        }

        json.WriteEndArray();
        json.WriteNumber("violations", result.ViolationCount);
        json.WriteString("verdict", result.Clean ? "clean" : "violations");
        json.WriteEndObject();
    }

    private static void WriteFlow(Utf8JsonWriter json, FlowVerdict verdict)
    {
        Flow flow = verdict.Flow;
        json.WriteStartObject();
        json.WriteString("protocol", flow.Key.ProtocolName);
        json.WriteString("cameraAddress", flow.Key.Camera.ToString());
        json.WriteNumber("cameraPort", flow.Key.CameraPort);
        json.WriteString("remoteAddress", flow.Key.Remote.ToString());
        json.WriteNumber("remotePort", flow.Key.RemotePort);
        json.WriteNumber("packetsOut", flow.PacketsOut);
        json.WriteNumber("bytesOut", flow.BytesOut);
        json.WriteNumber("packetsIn", flow.PacketsIn);
        json.WriteNumber("bytesIn", flow.BytesIn);
        json.WriteString("first", flow.FirstUtc.ToString(TimeFormat, CultureInfo.InvariantCulture));
        json.WriteString("last", flow.LastUtc.ToString(TimeFormat, CultureInfo.InvariantCulture));
        json.WriteString("sni", flow.Sni);
        json.WriteStartArray("dnsQuestions");
        flow.DnsNames.ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteBoolean("allowed", verdict.Allowed);
        json.WriteString("reason", verdict.Reason);
        json.WriteEndObject();
    }

    private static string Names(Flow flow)
    {
        string sni = flow.Sni is null ? string.Empty : $", SNI {flow.Sni}";
        string dns = flow.DnsNames.Count == 0 ? string.Empty : $", DNS {string.Join(" ", flow.DnsNames)}";
        return sni + dns;
    }
}

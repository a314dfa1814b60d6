using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Config;

namespace CamAgent.Core.Tests.Agent;

/// <summary>
/// A refused record does not stop the camera (docs/agent.md §6, "A refused record"): through the
/// shipped AgentLoop, a record the server refuses for its own sake is declared in the chain,
/// quarantined on the card and never deleted, and the records after it upload; a refusal of the
/// device keeps every record and raises the credential alarm.
/// </summary>
public sealed class QuarantineTests : IClassFixture<CredentialsFixture>
{
    private const string DeviceId = Support.TestCredentials.DeviceId;

    private readonly CredentialsFixture _fixture;

    public QuarantineTests(CredentialsFixture fixture) => _fixture = fixture;

    private static List<Manifest> Stored(AgentRig rig) =>
        rig.Server.CompletedOrder.Select(s => rig.Server.StoredManifest(DeviceId, s)!).ToList();

    private static string[] SpoolFiles(AgentRig rig) => rig.FilesOnCard(AgentRig.SpoolDir);

    /// <summary>Records and seals the segments with the link down, so segment i is record i; then the link comes up.</summary>
    private static void SealOffline(AgentRig rig, params int[] lengths)
    {
        rig.Link.IsUp = false;
        foreach (int length in lengths)
        {
            rig.RecordSegment(length);
        }

        rig.Run(5_000);
        Assert.Equal(lengths.Length, rig.Agent.Spool.LiveCount);
        rig.Link.IsUp = true;
    }

    [Theory]
    [InlineData(400, "manifest-malformed")]
    [InlineData(400, "length-mismatch")]
    [InlineData(409, "sequence-conflict")]
    [InlineData(413, "segment-too-large")]
    [InlineData(460, "content-digest-mismatch")]
    public void A_Record_Refused_For_Its_Own_Sake_Is_Quarantined_On_The_Card_And_The_Records_After_It_Upload(int status, string code)
    {
        using var rig = new AgentRig(_fixture);
        rig.Server.RefusedRecords[1] = (status, code);
        SealOffline(rig, 30_000, 20_000, 10_000);
        byte[] refused = rig.Recorded[2];
        rig.Run(60_000);

        List<Manifest> stored = Stored(rig);
        Assert.Equal(new long[] { 0, 2, 3 }, stored.Select(m => m.Sequence));
        Manifest declaration = stored.Single(m => m.Kind == RecordKind.Continuity);
        Assert.Equal(ContinuityEvent.RecordQuarantined, declaration.Event);
        Assert.Equal(1, declaration.EventDetail);
        Assert.Equal(AgentStatus.RecordQuarantined, rig.Agent.Status);
        Assert.Equal(1, rig.Agent.Spool.QuarantinedCount);
        Assert.Equal(0, rig.Agent.Spool.LiveCount);
        Assert.Equal(new[] { "00000001.QRN" }, SpoolFiles(rig).Where(f => !f.StartsWith("STATE", StringComparison.Ordinal)));
        Assert.Equal(refused, rig.ReadOnCard(AgentRig.SegmentDir, "00000002.SEG"));
        Assert.Contains(rig.Log.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith($"record 1 refused (", StringComparison.Ordinal) && l.Message.Contains(code, StringComparison.Ordinal));
        Assert.Contains(rig.Log.Lines, l => l.Message.StartsWith("record 1 quarantined as 00000001.QRN", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Quarantined_Record_Stays_Quarantined_Across_A_Reboot_And_Its_Segment_Is_Never_Sealed_Again()
    {
        using var rig = new AgentRig(_fixture);
        rig.Server.RefusedRecords[0] = (400, "manifest-malformed");
        SealOffline(rig, 5_000);
        rig.Run(30_000);
        Assert.Equal(AgentStartStatus.Ok, rig.Boot());
        rig.RecordSegment(6_000);
        rig.Run(30_000);

        Assert.Equal(1, rig.Agent.Spool.QuarantinedCount);
        Assert.Equal(AgentStatus.RecordQuarantined, rig.Agent.Status);
        List<Manifest> stored = Stored(rig);
        Assert.Single(stored, m => m.Kind == RecordKind.Segment);
        Assert.Equal(6_000, stored.Single(m => m.Kind == RecordKind.Segment).ContentLength);
        Assert.Contains(rig.Log.Lines, l => l.Message.Contains("1 quarantined", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(403, "device-revoked")]
    [InlineData(403, "certificate-expired")]
    [InlineData(400, "invalid-metadata")]
    [InlineData(413, "body-too-large")]
    [InlineData(412, "tus-version-unsupported")]
    public void A_Refusal_Of_The_Device_Keeps_Every_Record_And_Raises_The_Credential_Alarm_Until_It_Is_Lifted(int status, string code)
    {
        using var rig = new AgentRig(_fixture);
        rig.Server.RefusedDevice = (status, code);
        SealOffline(rig, 20_000, 10_000);
        rig.Run(120_000);

        Assert.Equal(AgentStatus.CredentialError, rig.Agent.Status);
        Assert.Empty(rig.Server.CompletedOrder);
        Assert.Equal(0, rig.Agent.Spool.QuarantinedCount);
        Assert.Equal(2, rig.Agent.Spool.LiveCount);
        Assert.Equal(2, rig.SegmentFilesOnCard().Length);

        rig.Server.RefusedDevice = null;
        rig.RunUntilIdle(capMs: 2 * 3_600_000);
        Assert.Equal(AgentStatus.Idle, rig.Agent.Status);
        Assert.Equal(2, Stored(rig).Count(m => m.Kind == RecordKind.Segment));
    }

    [Fact]
    public void A_Refused_Declaration_Is_Never_Quarantined_It_Is_Kept_With_The_Credential_Alarm()
    {
        using var rig = new AgentRig(_fixture);
        rig.Server.RefusedRecords[1] = (400, "manifest-malformed");
        rig.Server.RefusedRecords[3] = (400, "manifest-malformed"); // the declaration of record 1
        SealOffline(rig, 3_000, 3_000, 3_000);
        rig.Run(120_000);

        Assert.Equal(new long[] { 0, 2 }, rig.Server.CompletedOrder);
        Assert.Contains("00000001.QRN", SpoolFiles(rig));
        Assert.Contains("00000003.MAN", SpoolFiles(rig));
        Assert.Equal(AgentStatus.CredentialError, rig.Agent.Status);
    }

    [Fact]
    public void A_Run_Of_Refused_Records_Is_Taken_For_The_Devices_Fault_After_Three_Quarantines()
    {
        using var rig = new AgentRig(_fixture);
        for (long sequence = 0; sequence < 5; sequence++)
        {
            rig.Server.RefusedRecords[sequence] = (409, "sequence-conflict");
        }

        SealOffline(rig, 2_000, 2_000, 2_000, 2_000, 2_000);
        rig.Run(300_000);
        Assert.Equal(AgentConstants.MaxConsecutiveQuarantines, rig.Agent.Spool.QuarantinedCount);
        Assert.Contains("00000003.MAN", SpoolFiles(rig));
        Assert.Equal(AgentStatus.CredentialError, rig.Agent.Status);
        Assert.Equal(5, rig.SegmentFilesOnCard().Length);
    }
}

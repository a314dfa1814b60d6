using System.Globalization;
using System.Security.Cryptography;
using CamAgent.Verification;

namespace CamAgent.Cli.Demo;

/// <summary>
/// The demo's camera steps: the device agent records, seals and uploads; one upload is cut mid-way
/// and resumed; the revoked camera is refused and keeps its record.
/// </summary>
public static class UploadSteps
{
    private const string DeviceRevoked = "device-revoked";
    private const string ForbiddenLog = "rejected: Forbidden (HTTP 403)";

    /// <summary>A recording start and a few segments, each receipted and then deleted from the card.</summary>
    public static DemoOutcome RecordAndUpload(DemoWorkspace w)
    {
        AgentCamera camera = CameraFactory.Camera(w, ProvisioningSteps.RecordingCamera);
        for (int i = 0; i < DemoConstants.SegmentsBeforeCut; i++)
        {
            camera.RecordSegment();
        }

        if (!camera.RunUntilUploaded(DemoConstants.AgentTimeoutMs))
        {
            return DemoOutcome.Failed(Stalled(camera));
        }

        string? problem = StoredProblem(w, camera, out int stored);
        return problem is not null
            ? DemoOutcome.Failed(problem)
            : DemoOutcome.Done($"{camera.Agent.SealedCount} records sealed by the agent ({DemoConstants.SegmentsBeforeCut} segments of {Bytes(DemoConstants.SegmentBytes)}, {camera.Agent.SealedCount - DemoConstants.SegmentsBeforeCut} continuity records), {camera.Agent.UploadedCount} receipts verified against the pinned key, then deleted from the card; {stored} records stored, segments byte-identical");
    }

    /// <summary>One segment whose connection is reset mid-upload; the agent resumes from the offset the server reports.</summary>
    public static DemoOutcome InterruptedUpload(DemoWorkspace w)
    {
        AgentCamera camera = CameraFactory.Camera(w, ProvisioningSteps.RecordingCamera);
        CuttingProxy proxy = w.Proxy!;
        int patchesBefore = camera.Tap.Patches.Count;
        camera.Log.Expect("TransportFailed", "as expected (the relay cut the connection):");
        proxy.CutAfter(DemoConstants.CutAfterClientBytes);
        camera.RecordSegment();
        if (!camera.RunUntilUploaded(DemoConstants.AgentTimeoutMs))
        {
            return DemoOutcome.Failed(Stalled(camera));
        }

        TappedConnector.PatchObservation[] patches = camera.Tap.Patches.Skip(patchesBefore).ToArray();
        int resumed = patches.Length < 2 ? -1 : Array.FindIndex(patches, 1, p => p.Connection != patches[0].Connection);
        if (proxy.CutAfterClientBytes < 0 || resumed < 1 || patches[resumed].UploadOffset <= 0)
        {
            return DemoOutcome.Failed($"the upload was not cut and resumed mid-way (cut after {proxy.CutAfterClientBytes} bytes; PATCH offsets {string.Join(", ", patches.Select(p => $"{p.UploadOffset}@{p.Connection}"))}).");
        }

        string? problem = StoredProblem(w, camera, out int stored);
        return problem is not null
            ? DemoOutcome.Failed(problem)
            : DemoOutcome.Done(
                $"{Bytes(DemoConstants.SegmentBytes)} segment: connection reset after {Bytes(proxy.CutAfterClientBytes)} from the camera, during the PATCH from offset {Bytes(patches[resumed - 1].UploadOffset)}; " +
                $"the agent asked the server (HEAD) and resumed with a PATCH from offset {Bytes(patches[resumed].UploadOffset)} on a new connection; receipt verified; {stored} records stored, segments byte-identical");
    }

    /// <summary>The second camera uploads before it is revoked, so the store holds its chain too.</summary>
    public static DemoOutcome SecondCameraUploads(DemoWorkspace w)
    {
        AgentCamera camera = CameraFactory.Camera(w, ProvisioningSteps.RevokedCamera);
        camera.RecordSegment();
        if (!camera.RunUntilUploaded(DemoConstants.AgentTimeoutMs))
        {
            return DemoOutcome.Failed(Stalled(camera));
        }

        string? problem = StoredProblem(w, camera, out int stored);
        return problem is not null
            ? DemoOutcome.Failed(problem)
            : DemoOutcome.Done($"{camera.Agent.SealedCount} records sealed (1 segment, {camera.Agent.SealedCount - 1} continuity records), {camera.Agent.UploadedCount} receipts verified; {stored} records stored, segment byte-identical");
    }

    /// <summary>After revocation the running server refuses the camera: 403 device-revoked, in the audit log; the camera keeps the record.</summary>
    public static DemoOutcome RevokedCameraRefused(DemoWorkspace w)
    {
        AgentCamera camera = CameraFactory.Camera(w, ProvisioningSteps.RevokedCamera);
        int uploadedBefore = camera.Agent.UploadedCount;
        camera.Log.Expect("Forbidden", "refused as expected (revoked):");
        camera.RecordSegment();
        if (!camera.RunUntil(() => camera.Log.Errors.Any(e => e.Contains(ForbiddenLog, StringComparison.Ordinal)), DemoConstants.AgentTimeoutMs))
        {
            return DemoOutcome.Failed($"{camera.DeviceId} was not refused with 403: {Stalled(camera)}");
        }

        if (camera.Agent.UploadedCount != uploadedBefore || camera.Agent.Spool.LiveCount == 0)
        {
            return DemoOutcome.Failed($"{camera.DeviceId} lost or uploaded the refused record ({camera.Agent.UploadedCount} receipted, {camera.Agent.Spool.LiveCount} on the card).");
        }

        string auditLog = Path.Combine(w.StoreFolder, "audit.log");
        int refusals = File.ReadAllLines(auditLog).Count(line => line.Contains($"\"code\":\"{DeviceRevoked}\"", StringComparison.Ordinal) && line.Contains($"\"device\":\"{camera.DeviceId}\"", StringComparison.Ordinal));
        string? problem = StoredProblem(w, camera, out int stored, notStored: 1);
        if (refusals == 0 || problem is not null)
        {
            return DemoOutcome.Failed(problem ?? $"{auditLog} has no {DeviceRevoked} entry for {camera.DeviceId}.");
        }

        return DemoOutcome.Done($"HTTP 403, CamAgent-Error {DeviceRevoked}; still {stored} records stored for {camera.DeviceId}; the refused record stays sealed on the camera's card ({camera.Agent.Spool.LiveCount} live); audit log: {refusals} {DeviceRevoked} entr{(refusals == 1 ? "y" : "ies")}");
    }

    /// <summary>
    /// Null when every record in the store has a receipt, every segment the camera recorded except
    /// the last <paramref name="notStored"/> is stored byte-identical, and those are not stored at
    /// all; <paramref name="stored"/> counts the stored manifests.
    /// </summary>
    private static string? StoredProblem(DemoWorkspace w, AgentCamera camera, out int stored, int notStored = 0)
    {
        string folder = Path.Combine(w.StoreFolder, "devices", camera.DeviceId);
        string[] manifests = Directory.Exists(folder) ? Directory.GetFiles(folder, "*" + EvidenceStore.ManifestSuffix) : [];
        stored = manifests.Length;
        string? unreceipted = manifests.FirstOrDefault(m => !File.Exists(m.Replace(EvidenceStore.ManifestSuffix, EvidenceStore.ReceiptSuffix, StringComparison.Ordinal)));
        if (unreceipted is not null)
        {
            return $"{unreceipted} has no receipt.";
        }

        var storedSegments = Directory.GetFiles(folder, "*.segment").Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet(StringComparer.Ordinal);
        string[] recorded = Directory.GetFiles(camera.RecordedFolder).Order(StringComparer.Ordinal).ToArray();
        int expected = recorded.Length - notStored;
        string? wrong = recorded.Where((r, i) => storedSegments.Contains(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(r)))) != i < expected).FirstOrDefault();
        if (wrong is not null)
        {
            return $"{wrong}: stored {(Array.IndexOf(recorded, wrong) < expected ? "nowhere" : "although it should not be")}.";
        }

        return storedSegments.Count == expected ? null : $"the store holds {storedSegments.Count} segments of {camera.DeviceId}, not {expected}.";
    }

    private static string Stalled(AgentCamera camera) =>
        $"{camera.DeviceId} did not finish within {DemoConstants.AgentTimeoutMs} ms: agent {camera.Agent.Status}, {camera.Agent.SealedCount} sealed, {camera.Agent.UploadedCount} receipted, {camera.Agent.Spool.LiveCount} on the card; last error: {camera.Log.Errors.LastOrDefault() ?? "none"}";

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}

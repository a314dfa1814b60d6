using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Demo;

/// <summary>
/// The demo's camera steps: records sealed by simulated cameras and uploaded by the device's own
/// upload client, one upload cut mid-way and resumed, and the revoked camera refused.
/// </summary>
public static class UploadSteps
{
    private const string DeviceRevoked = "device-revoked";
    private const int Forbidden = 403;

    /// <summary>A recording start and a few segments, straight to the server.</summary>
    public static DemoOutcome RecordAndUpload(DemoWorkspace w)
    {
        DemoCamera camera = Camera(w, ProvisioningSteps.RecordingCamera);
        IPEndPoint server = w.Server!.EndPoint;
        var records = new List<RecordedRecord> { camera.RecordStart() };
        records.AddRange(DemoConstants.SegmentSizesBytes.Select(camera.RecordSegment));
        long bytes = 0;
        foreach (RecordedRecord record in records)
        {
            UploadReport upload = camera.Upload(record, server);
            string? problem = upload.Completed ? StoredProblem(w, camera, record) : $"sequence {record.Sequence}: {upload.Explain()}";
            if (problem is not null)
            {
                return DemoOutcome.Failed(problem);
            }

            bytes += record.ContentLength;
        }

        return DemoOutcome.Done($"{records.Count} records (1 recording start + {records.Count - 1} segments, sequences 0-{records[^1].Sequence}), {Bytes(bytes)} of content, {records.Count} receipts verified against the pinned receipt key, stored byte-identical");
    }

    /// <summary>One segment through the cutting proxy: the connection breaks mid-upload and the client resumes from the server's offset.</summary>
    public static DemoOutcome InterruptedUpload(DemoWorkspace w)
    {
        DemoCamera camera = Camera(w, ProvisioningSteps.RecordingCamera);
        CuttingProxy proxy = w.Proxy!;
        RecordedRecord record = camera.RecordSegment(DemoConstants.InterruptedSegmentBytes);
        proxy.CutNextConnectionAfter(DemoConstants.CutAfterClientBytes);
        UploadReport upload = camera.Upload(record, proxy.EndPoint);
        if (!upload.Completed)
        {
            return DemoOutcome.Failed($"sequence {record.Sequence}: {upload.Explain()}");
        }

        if (proxy.CutAfterClientBytes < 0 || upload.ResumedAtOffset <= 0 || upload.ResumedAtOffset >= record.ContentLength)
        {
            return DemoOutcome.Failed($"the upload was not resumed mid-way (cut after {proxy.CutAfterClientBytes} bytes, resumed at offset {upload.ResumedAtOffset} of {record.ContentLength}).");
        }

        string? problem = StoredProblem(w, camera, record);
        return problem is not null
            ? DemoOutcome.Failed(problem)
            : DemoOutcome.Done(
                $"sequence {record.Sequence}, {Bytes(record.ContentLength)}: connection cut after {Bytes(proxy.CutAfterClientBytes)} from the camera " +
                $"({Bytes(upload.OffsetBeforeCut)} acknowledged); resumed with HEAD at offset {Bytes(upload.ResumedAtOffset)}; " +
                $"{Bytes(upload.ContentBytesSent)} of content sent in all over {upload.Connections} connections; receipt verified, stored byte-identical");
    }

    /// <summary>The second camera uploads before it is revoked, so the store holds its chain too.</summary>
    public static DemoOutcome SecondCameraUploads(DemoWorkspace w)
    {
        DemoCamera camera = Camera(w, ProvisioningSteps.RevokedCamera);
        RecordedRecord[] records = [camera.RecordStart(), camera.RecordSegment(DemoConstants.SecondCameraSegmentBytes)];
        foreach (RecordedRecord record in records)
        {
            UploadReport upload = camera.Upload(record, w.Server!.EndPoint);
            string? problem = upload.Completed ? StoredProblem(w, camera, record) : $"sequence {record.Sequence}: {upload.Explain()}";
            if (problem is not null)
            {
                return DemoOutcome.Failed(problem);
            }
        }

        return DemoOutcome.Done($"recording start and a segment (sequences 0-{records[^1].Sequence}), {Bytes(records[^1].ContentLength)} of content, 2 receipts verified, stored byte-identical");
    }

    /// <summary>After revocation the server (not restarted) refuses the camera: 403 device-revoked, written to the audit log.</summary>
    public static DemoOutcome RevokedCameraRefused(DemoWorkspace w)
    {
        DemoCamera camera = Camera(w, ProvisioningSteps.RevokedCamera);
        RecordedRecord record = camera.RecordSegment(DemoConstants.SecondCameraSegmentBytes);
        UploadReport upload = camera.Upload(record, w.Server!.EndPoint);
        if (upload.Completed || upload.StatusCode != Forbidden || upload.ErrorCode != DeviceRevoked)
        {
            return DemoOutcome.Failed($"expected 403 {DeviceRevoked}; {upload.Explain()}");
        }

        string manifestPath = StorePath(w, camera.DeviceId, record.Sequence) + ".manifest.cose";
        if (File.Exists(manifestPath))
        {
            return DemoOutcome.Failed($"the server stored {manifestPath} for a revoked camera.");
        }

        string auditLog = Path.Combine(w.StoreFolder, "audit.log");
        string[] refusals = File.ReadAllLines(auditLog).Where(line => line.Contains($"\"code\":\"{DeviceRevoked}\"", StringComparison.Ordinal) && line.Contains($"\"device\":\"{camera.DeviceId}\"", StringComparison.Ordinal)).ToArray();
        return refusals.Length == 0
            ? DemoOutcome.Failed($"{auditLog} has no {DeviceRevoked} entry for {camera.DeviceId}.")
            : DemoOutcome.Done($"sequence {record.Sequence} refused: HTTP {upload.StatusCode}, CamAgent-Error {upload.ErrorCode}, nothing stored; audit log: {refusals.Length} {DeviceRevoked} entr{(refusals.Length == 1 ? "y" : "ies")}");
    }

    /// <summary>The camera of <paramref name="deviceId"/>, powered on at first use with its enrolled credential and pinned keys.</summary>
    private static DemoCamera Camera(DemoWorkspace w, string deviceId)
    {
        if (w.Cameras.TryGetValue(deviceId, out DemoCamera? camera))
        {
            return camera;
        }

        AgencyPki pki = AgencyPki.Open(w.PkiFolder).Value ?? throw new InvalidOperationException($"the demo PKI at {w.PkiFolder} cannot be opened.");
        X509Certificate2 credential = Unwrap(pki.LoadDeviceCredential(deviceId), deviceId);
        byte[] receiptKey = Unwrap(pki.ReceiptPublicKey(), "the receipt-signing key");
        camera = new DemoCamera(credential, pki.RootCa, receiptKey, pki.Settings.IngestHost, Path.Combine(w.CamerasFolder, deviceId, "recorded"), w.Log);
        w.Cameras.Add(deviceId, camera);
        return camera;
    }

    private static T Unwrap<T>(PkiResult<T> result, string what) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"{what}: {result.Message}");

    /// <summary>Null when the store holds the manifest, receipt and (for a segment) content identical to what the camera made.</summary>
    private static string? StoredProblem(DemoWorkspace w, DemoCamera camera, RecordedRecord record)
    {
        string prefix = StorePath(w, camera.DeviceId, record.Sequence);
        if (!File.Exists(prefix + ".manifest.cose") || !File.ReadAllBytes(prefix + ".manifest.cose").AsSpan().SequenceEqual(record.Manifest))
        {
            return $"{prefix}.manifest.cose is missing or differs from the sealed manifest.";
        }

        if (!File.Exists(prefix + ".receipt.cose"))
        {
            return $"{prefix}.receipt.cose is missing.";
        }

        bool contentMatches = record.ContentPath is null
            ? !File.Exists(prefix + ".segment")
            : File.Exists(prefix + ".segment") && File.ReadAllBytes(prefix + ".segment").AsSpan().SequenceEqual(File.ReadAllBytes(record.ContentPath));
        return contentMatches ? null : $"{prefix}.segment differs from what {camera.DeviceId} recorded.";
    }

    private static string StorePath(DemoWorkspace w, string deviceId, long sequence) =>
        Path.Combine(w.StoreFolder, "devices", deviceId, sequence.ToString("D20", CultureInfo.InvariantCulture));

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}

using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli.Demo;

/// <summary>Every step of `camagent demo`, in order (docs/cli.md, "demo").</summary>
public static class DemoPlan
{
    public static IReadOnlyList<DemoStep> All(BoardCatalog boards) =>
    [
        ProvisioningSteps.CreatePkiStep,
        ProvisioningSteps.EnrolStep(ProvisioningSteps.RecordingCamera),
        ProvisioningSteps.EnrolStep(ProvisioningSteps.RevokedCamera),
        ProvisioningSteps.BundleStep(boards, ProvisioningSteps.RecordingCamera),
        ProvisioningSteps.BundleStep(boards, ProvisioningSteps.RevokedCamera),
        new("Start the ingest server on loopback", ServerSteps.Start),
        new($"{ProvisioningSteps.RecordingCamera} records; its agent seals and uploads over mutual TLS", UploadSteps.RecordAndUpload),
        new($"{ProvisioningSteps.RecordingCamera} upload cut mid-way, then resumed by the agent", UploadSteps.InterruptedUpload),
        new($"{ProvisioningSteps.RevokedCamera} records and uploads before it is revoked", UploadSteps.SecondCameraUploads),
        ProvisioningSteps.RevokeStep,
        new($"{ProvisioningSteps.RevokedCamera} is refused after revocation", UploadSteps.RevokedCameraRefused),
        new("Stop the ingest server and check its audit log", ServerSteps.StopAndCheckAudit),
        new("Verify the stored evidence offline (chain-of-custody report)", VerifySteps.VerifyStore),
    ];
}

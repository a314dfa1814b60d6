using CamAgent.Core.Config;
using CamAgent.Simulation.Agent;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Bundles;

namespace CamAgent.Cli.Demo;

/// <summary>
/// Provisions a demo camera the way a device is provisioned: its device bundle is verified against
/// the agency root, and the configuration inside is accepted only if Core's validator accepts it
/// (the device key matches the certificate, the agency host is a valid name, ...).
/// </summary>
public static class CameraFactory
{
    /// <summary>The powered-on camera of <paramref name="deviceId"/>, created at first use.</summary>
    public static AgentCamera Camera(DemoWorkspace w, string deviceId)
    {
        if (w.Cameras.TryGetValue(deviceId, out AgentCamera? camera))
        {
            return camera;
        }

        DeviceConfig config = ConfigFromBundle(w, deviceId);
        camera = new AgentCamera(config, Path.Combine(w.CamerasFolder, deviceId), w.Proxy!.EndPoint, DemoConstants.SegmentBytes, w.Log);
        w.Cameras.Add(deviceId, camera);
        return camera.PowerOn()
            ? camera
            : throw new InvalidOperationException($"the agent of {deviceId} did not start (card recovery or boot counter failed).");
    }

    private static DeviceConfig ConfigFromBundle(DemoWorkspace w, string deviceId)
    {
        AgencyPki pki = AgencyPki.Open(w.PkiFolder).Value ?? throw new InvalidOperationException($"the demo PKI at {w.PkiFolder} cannot be opened.");
        byte[] bundle = File.ReadAllBytes(ProvisioningSteps.BundlePath(w, deviceId));
        PkiResult<BundleReport> verified = BundleVerifier.Verify(bundle, pki.RootCa, null, DateTimeOffset.UtcNow);
        if (!verified.Ok)
        {
            throw new InvalidOperationException($"the bundle of {deviceId} does not verify: {verified.Message}");
        }

        byte[] text = verified.Value!.Bundle.Config;
        ConfigResult result = HostAgentRig.ValidateConfig(text);
        return result.IsOk
            ? result.Config
            : throw new InvalidOperationException($"the device refuses the configuration in its bundle: {result} (error {(int)result.Error}).");
    }
}

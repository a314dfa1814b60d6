using CamAgent.Cli.Demo;
using CamAgent.Provisioning;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli.Tests.Demo;

public sealed class DemoRunnerTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void The_Provisioning_Steps_Build_A_Pki_With_One_Active_And_One_Revoked_Camera()
    {
        var workspace = new DemoWorkspace(temp.Path);
        var progress = new StringWriter();

        int code = DemoRunner.Run(ProvisioningSteps.All(new BoardCatalog(Path.Combine(AppContext.BaseDirectory, "boards"))), workspace, progress);

        Assert.True(code == ExitCodes.Ok, progress.ToString());
        Assert.Contains("✓ [6/6] Revoke camera cam-demo-2", progress.ToString());
        IReadOnlyList<DeviceRecord> devices = new DeviceRegistry(AgencyPki.Open(workspace.PkiFolder).Value!).List(DateTimeOffset.UtcNow).Value!;
        Assert.Equal(DeviceState.Active, devices.Single(d => d.DeviceId == ProvisioningSteps.RecordingCamera).State);
        Assert.Equal(DeviceState.Revoked, devices.Single(d => d.DeviceId == ProvisioningSteps.RevokedCamera).State);
        Assert.True(File.Exists(Path.Combine(workspace.BundlesFolder, "cam-demo-1.bundle.cose")));
        Assert.True(File.Exists(Path.Combine(workspace.BundlesFolder, "cam-demo-2.bundle.cose")));
    }

    [Fact]
    public void The_Runner_Stops_At_The_First_Failing_Step_And_Says_Why()
    {
        var ran = new List<string>();
        DemoStep[] steps =
        [
            new("first", _ => { ran.Add("first"); return DemoOutcome.Done("1 thing"); }),
            new("second", _ => { ran.Add("second"); return DemoOutcome.Failed("the server did not start"); }),
            new("third", _ => { ran.Add("third"); return DemoOutcome.Done(""); }),
        ];
        var progress = new StringWriter();

        int code = DemoRunner.Run(steps, new DemoWorkspace(temp.Path), progress);

        Assert.Equal(ExitCodes.StepFailed, code);
        Assert.Equal(new[] { "first", "second" }, ran);
        Assert.Contains("✓ [1/3] first: 1 thing (", progress.ToString());
        Assert.Contains("✗ [2/3] second (", progress.ToString());
        Assert.Contains("the server did not start", progress.ToString());
    }

    [Fact]
    public void A_Step_That_Throws_An_Io_Error_Is_A_Failed_Step()
    {
        DemoStep[] steps = [new("write", _ => throw new IOException("disk full"))];
        var progress = new StringWriter();

        int code = DemoRunner.Run(steps, new DemoWorkspace(temp.Path), progress);

        Assert.Equal(ExitCodes.StepFailed, code);
        Assert.Contains("IOException: disk full", progress.ToString());
    }

    public void Dispose() => temp.Dispose();
}

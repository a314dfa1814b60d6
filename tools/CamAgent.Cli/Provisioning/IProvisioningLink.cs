namespace CamAgent.Cli.Provisioning;

/// <summary>
/// A line-oriented link to a device in provisioning mode (docs/secure-element.md §8): the serial
/// console in the field, an emulated device in tests and the simulator.
/// </summary>
public interface IProvisioningLink : IDisposable
{
    /// <summary>Sends one request line (no line end).</summary>
    void WriteLine(string line);

    /// <summary>Reads the next line the device printed, without its line end; throws <see cref="TimeoutException"/> if none comes in time.</summary>
    string ReadLine();
}

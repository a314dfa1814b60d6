namespace CamAgent.Core.Tests.Storage;

/// <summary>
/// Thrown by <see cref="SimulatedFatStore"/> when the simulated power is cut: it stands for the
/// CPU stopping, so nothing the code under test does after the cut reaches the medium.
/// </summary>
public sealed class PowerLostException : Exception
{
    public PowerLostException(int writeOperation)
        : base($"power lost during write operation {writeOperation}")
    {
        WriteOperation = writeOperation;
    }

    public int WriteOperation { get; }
}

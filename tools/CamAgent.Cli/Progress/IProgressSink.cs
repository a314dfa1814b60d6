namespace CamAgent.Cli.Progress;

/// <summary>Where work with a known number of items says how far it got.</summary>
public interface IProgressSink
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> items are done; <paramref name="label"/> names the last (a device id, a step).</summary>
    void Update(int done, int total, string label);
}

namespace CamAgent.Cli.Demo;

/// <summary>What one demo step achieved: on success the figures it shows, on failure why it failed.</summary>
/// <param name="Succeeded">True when the step did everything it claims.</param>
/// <param name="Detail">Figures (bytes, offsets, sequences) on success; one or more sentences on failure.</param>
public sealed record DemoOutcome(bool Succeeded, string Detail)
{
    public static DemoOutcome Done(string figures) => new(true, figures);

    public static DemoOutcome Failed(string why) => new(false, why);
}

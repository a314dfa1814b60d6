namespace CamAgent.Ingest.Tests.Support;

/// <summary>A clock the test moves by hand (expiry tests).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

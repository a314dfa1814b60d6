namespace CamAgent.Cli.Demo;

/// <summary>One step of `camagent demo`: a sentence for the progress line, and the work.</summary>
/// <param name="Description">What the step does, as the user reads it ("Enrol camera cam-demo-1").</param>
/// <param name="Run">Does the work; returns null on success or a sentence saying what went wrong.</param>
public sealed record DemoStep(string Description, Func<DemoWorkspace, string?> Run);

namespace CamAgent.Cli.Demo;

/// <summary>One step of `camagent demo`: a sentence for the progress line, and the work.</summary>
/// <param name="Description">What the step does, as the user reads it ("Enrol camera cam-demo-1").</param>
/// <param name="Run">Does the work and says what came of it.</param>
public sealed record DemoStep(string Description, Func<DemoWorkspace, DemoOutcome> Run);

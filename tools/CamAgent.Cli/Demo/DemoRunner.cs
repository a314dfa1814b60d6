using System.Diagnostics;
using System.Security.Cryptography;
using CamAgent.Cli.Progress;

namespace CamAgent.Cli.Demo;

/// <summary>
/// Runs demo steps in order, printing "✓ [n/N] description: figures (ms)" for each, and stops at
/// the first failure with "✗ [n/N] description (ms)" and the reason. Exit code: Ok only if every
/// step worked, else StepFailed. A step that throws an I/O, state or crypto exception is a failed
/// step (its message is shown), so one fault never leaves a half-run unexplained.
/// </summary>
public static class DemoRunner
{
    public const string Passed = "✓";
    public const string FailedMark = "✗";

    public static int Run(IReadOnlyList<DemoStep> steps, DemoWorkspace workspace, TextWriter progress, IProgressSink? bar = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(progress);
        for (int i = 0; i < steps.Count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            DemoOutcome outcome = Attempt(steps[i], workspace);
            long elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string position = $"[{i + 1}/{steps.Count}] {steps[i].Description}";
            if (!outcome.Succeeded)
            {
                progress.WriteLine($"{FailedMark} {position} ({elapsedMs} ms)");
                progress.WriteLine($"    {outcome.Detail}");
                progress.WriteLine($"demo: stopped at step {i + 1}; later steps were not run.");
                return ExitCodes.StepFailed;
            }

            string figures = outcome.Detail.Length == 0 ? "" : ": " + outcome.Detail;
            progress.WriteLine($"{Passed} {position}{figures} ({elapsedMs} ms)");
            bar?.Update(i + 1, steps.Count, steps[i].Description);
        }

        return ExitCodes.Ok;
    }

    private static DemoOutcome Attempt(DemoStep step, DemoWorkspace workspace)
    {
        try
        {
            return step.Run(workspace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or CryptographicException or TimeoutException)
        {
            return DemoOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }
}

using System.Diagnostics;

namespace CamAgent.Cli.Demo;

/// <summary>
/// Runs demo steps in order, printing "[n/N] description ... ok (ms)" for each, and stops at the
/// first failure. Exit code: Ok only if every step worked, else StepFailed. A step that throws is
/// a failed step (its exception message is shown), so one bug never leaves a half-run unexplained.
/// </summary>
public static class DemoRunner
{
    public static int Run(IReadOnlyList<DemoStep> steps, DemoWorkspace workspace, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (int i = 0; i < steps.Count; i++)
        {
            progress.Write($"[{i + 1}/{steps.Count}] {steps[i].Description} ... ");
            long started = Stopwatch.GetTimestamp();
            string? failure = Attempt(steps[i], workspace);
            long elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (failure is not null)
            {
                progress.WriteLine($"FAILED ({elapsedMs} ms)");
                progress.WriteLine($"  {failure}");
                progress.WriteLine($"demo: stopped at step {i + 1}; later steps were not run.");
                return ExitCodes.StepFailed;
            }

            progress.WriteLine($"ok ({elapsedMs} ms)");
        }

        return ExitCodes.Ok;
    }

    private static string? Attempt(DemoStep step, DemoWorkspace workspace)
    {
        try
        {
            return step.Run(workspace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}

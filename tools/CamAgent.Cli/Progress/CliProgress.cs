using Spectre.Console;

namespace CamAgent.Cli.Progress;

/// <summary>
/// Runs work that may take more than a second with progress: a progress bar where a terminal is
/// attached (<see cref="CliContext.Terminal"/>), plain lines on standard error otherwise.
/// </summary>
public static class CliProgress
{
    public static T Run<T>(CliContext context, string verb, string what, int total, Func<IProgressSink, T> work)
    {
        if (context.Terminal is { } terminal)
        {
            return terminal.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(progress => work(new BarProgress(progress.AddTask(Markup.Escape(what), maxValue: Math.Max(1, total)))));
        }

        var plain = new PlainProgress(context.Error, verb, what, total, PlainProgress.DefaultInterval);
        T result = work(plain);
        plain.Finish();
        return result;
    }

    private sealed class BarProgress : IProgressSink
    {
        private readonly ProgressTask _task;

        public BarProgress(ProgressTask task)
        {
            _task = task;
        }

        public void Update(int done, int total, string label)
        {
            _task.MaxValue = Math.Max(1, total);
            _task.Value = done;
        }
    }
}

using System.Diagnostics;

namespace CamAgent.Cli.Progress;

/// <summary>
/// Progress as plain lines, for logs and pipes: nothing for work that ends within the first
/// interval, then "VERB: WHAT: DONE/TOTAL (LABEL)" at most once per interval, and a last line
/// when the work is done.
/// </summary>
public sealed class PlainProgress : IProgressSink
{
    /// <summary>Work shorter than this prints no progress at all; longer work, a line this often.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly TextWriter _error;
    private readonly string _prefix;
    private int _total;
    private readonly TimeSpan _interval;
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _nextLine;
    private int _done;

    public PlainProgress(TextWriter error, string verb, string what, int total, TimeSpan interval)
    {
        _error = error;
        _prefix = $"{verb}: {what}";
        _total = total;
        _interval = interval;
        _nextLine = interval;
    }

    /// <summary>True once a line was printed.</summary>
    public bool Printed { get; private set; }

    public void Update(int done, int total, string label)
    {
        _done = done;
        _total = total;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_started);
        if (elapsed >= _nextLine && _done < _total)
        {
            _error.WriteLine($"{_prefix}: {_done}/{_total} ({label})");
            Printed = true;
            _nextLine = elapsed + _interval;
        }
    }

    /// <summary>Prints the closing line if the work printed progress (so it took longer than the interval).</summary>
    public void Finish()
    {
        if (Printed || Stopwatch.GetElapsedTime(_started) >= _interval)
        {
            _error.WriteLine($"{_prefix}: {_done}/{_total} done in {Stopwatch.GetElapsedTime(_started).TotalSeconds:0.0} s");
        }
    }
}

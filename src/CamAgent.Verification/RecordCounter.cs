namespace CamAgent.Verification;

/// <summary>Counts checked records across device folders for <see cref="VerificationOptions.Progress"/>.</summary>
public sealed class RecordCounter
{
    private readonly Action<int, int>? _report;
    private readonly int _total;
    private int _checked;

    public RecordCounter(Action<int, int>? report, int total)
    {
        _report = report;
        _total = total;
    }

    public void Checked()
    {
        _checked++;
        _report?.Invoke(_checked, _total);
    }
}

namespace CamAgent.Verification.Audit;

/// <summary>
/// Splits an audit log into lines without holding more than one line: a line longer than
/// <see cref="AuditLogFormat.MaxLineBytes"/> is reported as too long instead of being read whole.
/// </summary>
internal sealed class AuditLineReader : IDisposable
{
    private const int BlockBytes = 64 * 1024;

    private readonly FileStream _file;
    private readonly byte[] _block = new byte[BlockBytes];
    private readonly MemoryStream _line = new();
    private int _blockLength;
    private int _blockOffset;

    public AuditLineReader(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
    }

    /// <summary>What <see cref="Next"/> found.</summary>
    public enum Outcome
    {
        Line,
        TooLong,
        Unterminated,
        End,
    }

    /// <summary>Reads the next line into <paramref name="line"/> (without its newline).</summary>
    public Outcome Next(out byte[] line)
    {
        line = Array.Empty<byte>();
        _line.SetLength(0);
        while (true)
        {
            if (_blockOffset == _blockLength && !Refill())
            {
                return _line.Length == 0 ? Outcome.End : Outcome.Unterminated;
            }

            int newline = Array.IndexOf(_block, (byte)'\n', _blockOffset, _blockLength - _blockOffset);
            int end = newline < 0 ? _blockLength : newline;
            if (_line.Length + (end - _blockOffset) > AuditLogFormat.MaxLineBytes)
            {
                return Outcome.TooLong;
            }

            _line.Write(_block, _blockOffset, end - _blockOffset);
            _blockOffset = newline < 0 ? _blockLength : newline + 1;
            if (newline >= 0)
            {
                line = _line.ToArray();
                return Outcome.Line;
            }
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _line.Dispose();
    }

    private bool Refill()
    {
        _blockLength = _file.Read(_block, 0, _block.Length);
        _blockOffset = 0;
        return _blockLength > 0;
    }
}

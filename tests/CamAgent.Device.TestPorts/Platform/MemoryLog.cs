using System;
using System.Text;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>
    /// The agent's log kept in RAM: the last <see cref="KeptLines"/> lines (for failure messages)
    /// and a count per level. A device test has nowhere else to write, and a long scenario must not
    /// grow the heap without bound.
    /// </summary>
    public sealed class MemoryLog : ILogSink
    {
        /// <summary>Lines kept for a failure message: enough to show what the agent did last.</summary>
        public const int KeptLines = 24;

        private readonly string[] _lines = new string[KeptLines];
        private int _next;
        private int _total;

        public int Warnings { get; private set; }

        public int Errors { get; private set; }

        public void Write(LogLevel level, string component, string message)
        {
            if (level == LogLevel.Warning)
            {
                Warnings++;
            }
            else if (level == LogLevel.Error)
            {
                Errors++;
            }

            _lines[_next] = level.ToString() + " " + component + ": " + message;
            _next = (_next + 1) % KeptLines;
            _total++;
        }

        /// <summary>The kept lines, oldest first, one per line.</summary>
        public string Tail()
        {
            StringBuilder text = new StringBuilder();
            int count = _total < KeptLines ? _total : KeptLines;
            int first = _total < KeptLines ? 0 : _next;
            for (int i = 0; i < count; i++)
            {
                text.Append("  ").Append(_lines[(first + i) % KeptLines]).Append('\n');
            }

            return text.ToString();
        }
    }
}

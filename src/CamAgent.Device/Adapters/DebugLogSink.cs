using System.Diagnostics;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="ILogSink"/> that writes to the debugger output (Debug.WriteLine: the serial
    /// console in Visual Studio or nanoff's monitor). Core never puts secrets in messages.
    /// Messages below <see cref="MinimumLevel"/> are dropped to keep the serial link quiet.
    /// </summary>
    public sealed class DebugLogSink : ILogSink
    {
        public DebugLogSink(LogLevel minimumLevel)
        {
            MinimumLevel = minimumLevel;
        }

        public LogLevel MinimumLevel { get; private set; }

        public void Write(LogLevel level, string component, string message)
        {
            if (level < MinimumLevel)
            {
                return;
            }

            Debug.WriteLine(level.ToString() + " [" + component + "] " + message);
        }
    }
}

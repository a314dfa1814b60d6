namespace CamAgent.Core.Platform
{
    /// <summary>Where Core's diagnostics go. Messages never contain key material or credentials.</summary>
    public interface ILogSink
    {
        void Write(LogLevel level, string component, string message);
    }
}

namespace CamAgent.Core.Config
{
    /// <summary>
    /// The outcome of validating or applying a configuration: <see cref="Error"/> is
    /// <see cref="ConfigError.None"/> and <see cref="Config"/> is set, or the error names the
    /// field, the 1-based line (0 when the error is not tied to a line) and a sentence a
    /// person can act on. Messages never contain secret values.
    /// </summary>
    public sealed class ConfigResult
    {
        private ConfigResult(ConfigError error, string field, int line, string message, DeviceConfig config)
        {
            Error = error;
            Field = field;
            Line = line;
            Message = message;
            Config = config;
        }

        public ConfigError Error { get; private set; }

        /// <summary>The key the error is about, or "" for file-level errors.</summary>
        public string Field { get; private set; }

        public int Line { get; private set; }

        public string Message { get; private set; }

        /// <summary>The validated configuration; null on error.</summary>
        public DeviceConfig Config { get; private set; }

        public bool IsOk
        {
            get { return Error == ConfigError.None; }
        }

        public static ConfigResult Ok(DeviceConfig config)
        {
            return new ConfigResult(ConfigError.None, "", 0, "ok", config);
        }

        public static ConfigResult Fail(ConfigError error, string field, int line, string reason)
        {
            string where = field.Length == 0 ? "configuration" : field;
            string at = line > 0 ? " (line " + line.ToString() + ")" : "";
            return new ConfigResult(error, field, line, where + at + ": " + reason, null);
        }

        public override string ToString()
        {
            return Error.ToString() + ": " + Message;
        }
    }
}

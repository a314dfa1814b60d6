using System;
using System.IO;
using CamAgent.Core.Config;
using CamAgent.Core.Platform;
using CamAgent.Core.Time;

namespace CamAgent.Core.Egress
{
    /// <summary>
    /// The egress policy (docs/agent.md, "Egress policy"): the only <see cref="ITlsConnector"/> Core
    /// code is given. It passes a connection request to the platform connector only when the host
    /// is exactly the validated agency host, the port is <see cref="AgencyPort"/>, and the clock is
    /// trusted; everything else is refused with <see cref="TransportStatus.PolicyRefused"/> before
    /// any packet leaves the device. Every attempt, allowed or refused, is logged. The upload
    /// client's AgencyEndpoint sits on top of it and can only name the same host and port, so
    /// the two checks agree; the gate holds even if a caller gets that wrong.
    /// Log messages are built once here, so a connection attempt allocates nothing in Core.
    /// </summary>
    public sealed class EgressGate : ITlsConnector
    {
        /// <summary>
        /// HTTPS (RFC 9110 §4.2.2). Fixed in firmware: the port is not a configuration field, so a
        /// stolen or forged configuration cannot point the camera at another service, and an
        /// agency firewall needs exactly one rule. The one definition of the port in the device code
        /// (messages, the configuration's description, the Location rule and the tools use it).
        /// </summary>
        public const int AgencyPort = 443;

        private const string Component = "egress";

        private readonly ITlsConnector _platform;
        private readonly string _host;
        private readonly ClockMonitor _clock;
        private readonly ILogSink _log;
        private readonly string _attemptMessage;
        private readonly string _refusedHostMessage;
        private readonly string _refusedPortMessage;
        private readonly string _refusedClockMessage;

        public EgressGate(ITlsConnector platform, DeviceConfig config, ClockMonitor clock, ILogSink log)
        {
            if (platform == null)
            {
                throw new ArgumentNullException("platform");
            }

            if (config == null)
            {
                throw new ArgumentNullException("config");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _platform = platform;
            _host = config.AgencyHost;
            _clock = clock;
            _log = log;
            _attemptMessage = "connecting to " + _host + ":" + AgencyPort.ToString();
            _refusedHostMessage = "refused: host is not the agency host " + _host;
            _refusedPortMessage = "refused: port is not " + AgencyPort.ToString();
            _refusedClockMessage = "refused: clock not trusted (below time floor or not synchronised)";
        }

        /// <summary>The one host this gate lets through.</summary>
        public string Host
        {
            get { return _host; }
        }

        /// <summary>Why the last attempt was refused, or None.</summary>
        public EgressRefusal LastRefusal { get; private set; }

        /// <summary>Attempts passed to the platform connector since start-up.</summary>
        public int AllowedAttempts { get; private set; }

        /// <summary>Attempts refused by the policy since start-up.</summary>
        public int RefusedAttempts { get; private set; }

        /// <summary>
        /// See <see cref="ITlsConnector.Connect"/>. Returns PolicyRefused (with
        /// <see cref="LastRefusal"/> saying why) or whatever the platform connector returns.
        /// </summary>
        public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
        {
            stream = null;
            if (host != _host)
            {
                return Refuse(EgressRefusal.HostNotAllowed, _refusedHostMessage);
            }

            if (port != AgencyPort)
            {
                return Refuse(EgressRefusal.PortNotAllowed, _refusedPortMessage);
            }

            if (!_clock.IsTrusted)
            {
                return Refuse(EgressRefusal.ClockNotTrusted, _refusedClockMessage);
            }

            LastRefusal = EgressRefusal.None;
            AllowedAttempts++;
            _log.Write(LogLevel.Info, Component, _attemptMessage);
            TransportStatus status = _platform.Connect(_host, AgencyPort, timeoutMs, out stream);
            if (status != TransportStatus.Ok)
            {
                stream = null;
            }

            return status;
        }

        private TransportStatus Refuse(EgressRefusal refusal, string message)
        {
            LastRefusal = refusal;
            RefusedAttempts++;
            _log.Write(LogLevel.Warning, Component, message);
            return TransportStatus.PolicyRefused;
        }
    }
}

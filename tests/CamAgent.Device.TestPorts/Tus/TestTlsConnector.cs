using System.Collections;
using System.IO;
using CamAgent.Core.Platform;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// The platform TLS connector of the device tests: every connection it opens is a
    /// <see cref="MemoryDuplexStream"/> to the scripted server, as if the TLS handshake with the
    /// pinned agency CA and the device certificate had succeeded. It records every host and port it
    /// is asked to dial (the agent reaches it only through its egress gate), and can be switched off
    /// to refuse connections as an unreachable server would.
    /// </summary>
    public sealed class TestTlsConnector : ITlsConnector
    {
        private readonly ScriptedTusServer _server;
        private readonly ArrayList _dials = new ArrayList();

        public TestTlsConnector(ScriptedTusServer server)
        {
            _server = server;
        }

        /// <summary>When true, connecting fails with ConnectFailed.</summary>
        public bool Unreachable { get; set; }

        /// <summary>"host:port" of every connection attempt, in order.</summary>
        public ArrayList Dials
        {
            get { return _dials; }
        }

        public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
        {
            _dials.Add(host + ":" + port.ToString());
            stream = null;
            if (Unreachable)
            {
                return TransportStatus.ConnectFailed;
            }

            stream = new MemoryDuplexStream(_server.Accept());
            return TransportStatus.Ok;
        }
    }
}

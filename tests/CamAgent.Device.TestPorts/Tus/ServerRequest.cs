namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>One request as the scripted server saw it, for assertions on the exchange.</summary>
    public sealed class ServerRequest
    {
        public ServerRequest(string method, long sequence, long offset)
        {
            Method = method;
            Sequence = sequence;
            Offset = offset;
        }

        /// <summary>POST, HEAD or PATCH (others are refused and logged by method only).</summary>
        public string Method { get; private set; }

        /// <summary>The record's sequence number, or -1 when the request named none the server knew.</summary>
        public long Sequence { get; private set; }

        /// <summary>PATCH: the Upload-Offset it carried; otherwise -1.</summary>
        public long Offset { get; private set; }

        public override string ToString()
        {
            return Method + " " + Sequence.ToString() + (Offset >= 0 ? " @" + Offset.ToString() : string.Empty);
        }
    }
}

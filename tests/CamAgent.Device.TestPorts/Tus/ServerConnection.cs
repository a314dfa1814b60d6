using System;
using CamAgent.Core.Upload;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// The server's end of one connection: frames the bytes the device writes into requests
    /// (head up to the empty line, then Content-Length bytes of body, RFC 9112 §6.3) and queues the
    /// answers for the device to read. PATCH bodies go to the upload as they arrive.
    /// </summary>
    internal sealed class ServerConnection
    {
        /// <summary>Largest request head: a POST carries the base64 manifest (under 4 KiB, docs/upload-protocol.md §10).</summary>
        private const int MaxHeadBytes = 8192;

        private readonly ScriptedTusServer _server;
        private readonly byte[] _head = new byte[MaxHeadBytes];
        private byte[] _outbound = new byte[1024];
        private int _headLength;
        private int _outStart;
        private int _outEnd;
        private RequestHead _request;
        private StoredUpload _patch;
        private byte[] _refusal;
        private long _bodyRemaining;
        private long _bodyReceived;

        public ServerConnection(ScriptedTusServer server)
        {
            _server = server;
        }

        /// <summary>Takes bytes the device wrote; returns how many arrived (fewer than <paramref name="count"/>: the link broke there).</summary>
        public int Receive(byte[] buffer, int offset, int count)
        {
            int taken = 0;
            while (taken < count)
            {
                if (_request == null)
                {
                    TakeHeadByte(buffer[offset + taken]);
                    taken++;
                    continue;
                }

                int want = count - taken < _bodyRemaining ? count - taken : (int)_bodyRemaining;
                int accepted = _patch == null ? want : _server.ReceivePatchBody(_patch, buffer, offset + taken, want, _bodyReceived);
                taken += accepted;
                _bodyReceived += accepted;
                _bodyRemaining -= accepted;
                if (accepted < want)
                {
                    return taken;
                }

                if (_bodyRemaining == 0)
                {
                    FinishRequest();
                }
            }

            return taken;
        }

        /// <summary>Copies queued answer bytes for the device; 0 when the server has nothing to say.</summary>
        public int Send(byte[] buffer, int offset, int count)
        {
            int available = _outEnd - _outStart;
            int n = available < count ? available : count;
            Array.Copy(_outbound, _outStart, buffer, offset, n);
            _outStart += n;
            return n;
        }

        private void TakeHeadByte(byte value)
        {
            if (_headLength == MaxHeadBytes)
            {
                throw new InvalidOperationException("request head longer than " + MaxHeadBytes.ToString() + " bytes");
            }

            _head[_headLength++] = value;
            if (_headLength < 4 || _head[_headLength - 4] != '\r' || _head[_headLength - 3] != '\n' || _head[_headLength - 2] != '\r' || _head[_headLength - 1] != '\n')
            {
                return;
            }

            RequestHead request = RequestHead.Parse(_head, _headLength);
            _headLength = 0;
            if (request == null)
            {
                Queue(ServerResponse.Error(400, ErrorCodes.MalformedRequest, string.Empty));
                return;
            }

            long bodyBytes = request.Number("Content-Length");
            _request = request;
            _bodyRemaining = bodyBytes > 0 ? bodyBytes : 0;
            _bodyReceived = 0;
            _patch = request.Method == "PATCH" ? _server.BeginPatch(request, out _refusal) : null;
            if (_bodyRemaining == 0)
            {
                FinishRequest();
            }
        }

        private void FinishRequest()
        {
            RequestHead request = _request;
            _request = null;
            if (request.Method != "PATCH")
            {
                Queue(_server.Handle(request));
            }
            else
            {
                Queue(_patch != null ? _server.EndPatch(_patch) : _refusal);
            }

            _patch = null;
            _refusal = null;
        }

        private void Queue(byte[] response)
        {
            if (_outStart == _outEnd)
            {
                _outStart = 0;
                _outEnd = 0;
            }

            if (_outEnd + response.Length > _outbound.Length)
            {
                byte[] grown = new byte[_outEnd - _outStart + response.Length];
                Array.Copy(_outbound, _outStart, grown, 0, _outEnd - _outStart);
                _outEnd -= _outStart;
                _outStart = 0;
                _outbound = grown;
            }

            Array.Copy(response, 0, _outbound, _outEnd, response.Length);
            _outEnd += response.Length;
        }
    }
}

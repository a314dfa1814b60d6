using System;
using System.IO;
using CamAgent.Core.Egress;
using CamAgent.Core.Http;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// The device side of the upload protocol (docs/upload-protocol.md; tus 1.0.0 core + creation)
    /// as a state machine: every <see cref="Step"/> performs at most one connection attempt and one
    /// HTTP exchange, then returns what to do next. It never sleeps and never reads a clock except
    /// the wall clock for an HTTP-date Retry-After; waiting is the caller's business.
    /// Flow per record: POST (manifest) → PATCH chunk by chunk from the server's offset → receipt
    /// from the completing PATCH or from HEAD → receipt check. After any interruption it asks the
    /// server with HEAD (or repeats the idempotent POST when it never learnt the upload URL).
    /// All buffers are allocated in the constructor; the PATCH loop allocates nothing.
    /// </summary>
    public sealed class TusClient
    {
        private readonly AgencyEndpoint _endpoint;
        private readonly IReceiptChecker _receiptChecker;
        private readonly ILogSink _log;
        private readonly int _connectTimeoutMs;
        private readonly int _patchSizeBytes;
        private readonly HttpConnection _connection;
        private readonly PatchSender _patches;
        private readonly RetryScheduler _retries;
        private readonly byte[] _receipt = new byte[UploadLimits.MaxReceiptBytes];
        private readonly TusResponseRules _rules;
        private UploadJob _job;
        private string _path;
        private TusPhase _phase = TusPhase.Idle;
        private int _recreations;
        private int _consecutiveConflicts;

        /// <param name="endpoint">The only destination: the agency host on port 443.</param>
        /// <param name="receiptChecker">Decides whether a receipt allows deleting the record.</param>
        /// <param name="random">Source of retry jitter.</param>
        /// <param name="wallClock">Only to turn an HTTP-date Retry-After into a delay.</param>
        public TusClient(AgencyEndpoint endpoint, IReceiptChecker receiptChecker, IRandomSource random, IWallClock wallClock, ILogSink log, TusClientOptions options)
        {
            if (endpoint == null || receiptChecker == null || random == null || wallClock == null || log == null || options == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            options.Validate();
            _endpoint = endpoint;
            _receiptChecker = receiptChecker;
            _log = log;
            _connectTimeoutMs = options.ConnectTimeoutMs;
            _patchSizeBytes = options.PatchSizeBytes;
            _connection = new HttpConnection(UploadLimits.RequestHeadBytes, HttpLimits.MaxResponseHeadBytes);
            _patches = new PatchSender(_connection, options.ChunkSizeBytes);
            _retries = new RetryScheduler(options.RetryPolicy, random, wallClock);
            _rules = new TusResponseRules(_connection.Response);
        }

        /// <summary>Why the last Step returned RetryLater or Rejected; None after progress.</summary>
        public UploadFailure Failure { get; private set; }

        /// <summary>How long to wait before the next Step, valid when it returned RetryLater.</summary>
        public int RetryDelayMs { get; private set; }

        /// <summary>The last transport outcome (Ok, or why connecting or a transfer failed).</summary>
        public TransportStatus TransportStatus { get; private set; }

        /// <summary>Status code of the last response, 0 when none was read.</summary>
        public int LastStatusCode { get; private set; }

        /// <summary>CamAgent-Error of the last error response, or null.</summary>
        public string LastErrorCode { get; private set; }

        /// <summary>Verdict of the receipt check when Failure is ReceiptInvalid.</summary>
        public ReceiptCheckStatus ReceiptCheck { get; private set; }

        /// <summary>Bytes the server has acknowledged for the current record.</summary>
        public long AcknowledgedOffset { get; private set; }

        /// <summary>The verified receipt after Completed: <see cref="Receipt"/>[0..ReceiptLength). Valid until the next Begin.</summary>
        public int ReceiptLength { get; private set; }

        /// <summary>Receipt buffer (owned by the client; copy it to keep it).</summary>
        public byte[] Receipt
        {
            get { return _receipt; }
        }

        /// <summary>Content bytes written in PATCH bodies since construction, including any re-sent after a cut.</summary>
        public long ContentBytesSent
        {
            get { return _patches.ContentBytesSent; }
        }

        /// <summary>Connections opened since construction.</summary>
        public int Connections { get; private set; }

        /// <summary>Bytes of buffers this client allocated (chunk, request and response heads, receipt).</summary>
        public int BufferBytes
        {
            get { return _patches.BufferBytes + UploadLimits.RequestHeadBytes + HttpLimits.MaxResponseHeadBytes + _receipt.Length; }
        }

        /// <summary>Starts uploading <paramref name="job"/>, abandoning any record in progress. The connection is kept.</summary>
        public void Begin(UploadJob job)
        {
            if (job == null)
            {
                throw new ArgumentNullException("job");
            }

            if (job.ManifestCount > UploadLimits.MaxManifestBytes)
            {
                throw new ArgumentException("manifest larger than UploadLimits.MaxManifestBytes");
            }

            _job = job;
            _path = null;
            _phase = TusPhase.Create;
            _recreations = 0;
            _retries.Reset();
            _consecutiveConflicts = 0;
            AcknowledgedOffset = 0;
            ReceiptLength = 0;
            Failure = UploadFailure.None;
            ReceiptCheck = ReceiptCheckStatus.Valid;
        }

        /// <summary>
        /// Does the next piece of work. Returns InProgress (call again), RetryLater (wait
        /// <see cref="RetryDelayMs"/>), Completed, or Rejected (see <see cref="Failure"/>).
        /// Calling it after Completed or Rejected without a new Begin is a bug.
        /// </summary>
        public UploadStatus Step()
        {
            if (_phase == TusPhase.Idle || _phase == TusPhase.Finished)
            {
                throw new InvalidOperationException("Begin a record first");
            }

            if (!_connection.IsOpen)
            {
                Stream stream;
                LastStatusCode = 0;
                TransportStatus = _endpoint.Connect(_connectTimeoutMs, out stream);
                if (TransportStatus != TransportStatus.Ok)
                {
                    return Retry(UploadFailure.TransportFailed);
                }

                _connection.Attach(stream);
                Connections++;
            }

            if (_phase == TusPhase.Create)
            {
                return Create();
            }

            return _phase == TusPhase.Head ? Head() : Patch();
        }

        /// <summary>Closes the connection (e.g. before the device goes idle). The next Step reconnects.</summary>
        public void Close()
        {
            _connection.Close();
        }

        private UploadStatus Create()
        {
            if (TusRequests.BuildCreate(_connection.Request, _endpoint.Host, _job) != HttpResult.Ok)
            {
                return Reject(UploadFailure.ManifestTooLarge);
            }

            if (!Exchange(false))
            {
                return ConnectionLost();
            }

            if (LastStatusCode != 201)
            {
                return HandleError();
            }

            string path = UploadLocation.ToPath(_rules.GetLocation(), _endpoint.Host);
            long offset;
            if (path == null || !_rules.IsTusResponse() || !_rules.TryGetOptionalOffset(_job.ContentLength, out offset))
            {
                return Retry(UploadFailure.ProtocolViolation);
            }

            _path = path;
            _log.Write(LogLevel.Info, "upload", "record " + _job.Sequence.ToString() + " created at " + path);
            return Advance(offset, false);
        }

        private UploadStatus Head()
        {
            if (TusRequests.BuildHead(_connection.Request, _endpoint.Host, _path) != HttpResult.Ok)
            {
                // The host (≤ 253 characters) and a checked Location (≤ 256) always fit the request head.
                throw new InvalidOperationException("HEAD request does not fit the request buffer");
            }

            if (!Exchange(true))
            {
                return ConnectionLost();
            }

            if (LastStatusCode != 200)
            {
                return HandleError();
            }

            if (!_rules.LengthMatches(_job.ContentLength))
            {
                return Reject(UploadFailure.LengthMismatch);
            }

            long offset;
            if (!_rules.IsTusResponse() || !_rules.TryGetOffset(_job.ContentLength, out offset))
            {
                return Retry(UploadFailure.ProtocolViolation);
            }

            return Advance(offset, true);
        }

        /// <summary>One PATCH of up to the patch size, streamed chunk by chunk (see <see cref="PatchSender"/>).</summary>
        private UploadStatus Patch()
        {
            long offset = AcknowledgedOffset;
            long remaining = _job.ContentLength - offset;
            int count = remaining < _patchSizeBytes ? (int)remaining : _patchSizeBytes;
            HttpResult result = _patches.Send(_job, _endpoint.Host, _path, offset, count);
            if (_patches.ContentFailed)
            {
                return Reject(UploadFailure.ContentUnreadable);
            }

            if (!Receive(result, false))
            {
                return ConnectionLost();
            }

            if (LastStatusCode != 204)
            {
                return HandleError();
            }

            long newOffset;
            if (!_rules.IsTusResponse() || !_rules.TryGetOffset(_job.ContentLength, out newOffset) || newOffset <= offset)
            {
                return Retry(UploadFailure.ProtocolViolation);
            }

            return Advance(newOffset, false);
        }

        /// <summary>Records the server's offset; at the end, takes the receipt or asks for it with HEAD.</summary>
        private UploadStatus Advance(long offset, bool fromHead)
        {
            // A HEAD that shows the same complete length again without a receipt is no progress, so
            // the backoff keeps growing while a server withholds the receipt (docs/upload-protocol.md
            // §5 step 4 and §7) instead of restarting at one base delay on every poll.
            bool stillWithoutReceipt = fromHead && offset == _job.ContentLength && offset == AcknowledgedOffset && !_rules.HasReceipt();
            AcknowledgedOffset = offset;
            _consecutiveConflicts = 0;
            if (!stillWithoutReceipt)
            {
                _retries.Reset();
                Failure = UploadFailure.None;
            }
            if (offset < _job.ContentLength)
            {
                _phase = TusPhase.Patch;
                return UploadStatus.InProgress;
            }

            if (_rules.HasReceipt())
            {
                return TakeReceipt();
            }

            _phase = TusPhase.Head;
            return fromHead ? Retry(UploadFailure.ReceiptPending) : UploadStatus.InProgress;
        }

        private UploadStatus TakeReceipt()
        {
            int length = _rules.DecodeReceipt(_receipt);
            if (length <= 0)
            {
                ReceiptCheck = ReceiptCheckStatus.Malformed;
                return Reject(UploadFailure.ReceiptInvalid);
            }

            ReceiptCheck = _receiptChecker.Check(_job, _receipt, 0, length);
            if (ReceiptCheck != ReceiptCheckStatus.Valid)
            {
                return Reject(UploadFailure.ReceiptInvalid);
            }

            ReceiptLength = length;
            _phase = TusPhase.Finished;
            _log.Write(LogLevel.Info, "upload", "record " + _job.Sequence.ToString() + " receipted");
            return UploadStatus.Completed;
        }

        private UploadStatus HandleError()
        {
            LastErrorCode = _rules.GetErrorCode();
            UploadFailure failure = TusResponseRules.Classify(LastStatusCode, LastErrorCode);
            if (failure == UploadFailure.OffsetConflict)
            {
                return OffsetConflict();
            }

            if (failure == UploadFailure.UploadGone && _path != null && _recreations < UploadLimits.MaxRecreations)
            {
                // tus 1.0.0 Expiration: an expired or terminated upload is created anew; the
                // server's idempotent creation makes this safe even if it still knows the record.
                _recreations++;
                _path = null;
                _phase = TusPhase.Create;
                return UploadStatus.InProgress;
            }

            return TusResponseRules.IsPermanent(failure) ? Reject(failure) : Retry(failure);
        }

        private UploadStatus OffsetConflict()
        {
            // 409 carries the server's Upload-Offset (docs/upload-protocol.md); without it, ask with HEAD.
            long offset = 0;
            _consecutiveConflicts++;
            bool known = _path != null && _rules.TryGetOffset(_job.ContentLength, out offset);
            if (known)
            {
                AcknowledgedOffset = offset;
            }

            _phase = _path == null ? TusPhase.Create : (known && offset < _job.ContentLength ? TusPhase.Patch : TusPhase.Head);
            return _consecutiveConflicts > UploadLimits.MaxConsecutiveOffsetConflicts
                ? Retry(UploadFailure.OffsetConflict)
                : UploadStatus.InProgress;
        }

        /// <summary>Sends the built bodyless request and reads the answer; false when the exchange failed.</summary>
        private bool Exchange(bool isHead)
        {
            return Receive(_connection.SendHead(), isHead);
        }

        /// <summary>
        /// After sending (with outcome <paramref name="sent"/>), reads the response head and ends the
        /// exchange. False when the connection failed or the answer was not HTTP; Failure says which.
        /// </summary>
        private bool Receive(HttpResult sent, bool isHead)
        {
            LastStatusCode = 0;
            HttpResult result = sent == HttpResult.Ok ? _connection.ReceiveHead(isHead) : sent;
            if (result != HttpResult.Ok)
            {
                TransportStatus = _connection.TransportStatus;
                Failure = result == HttpResult.TransportFailed || result == HttpResult.ConnectionClosed
                    ? UploadFailure.TransportFailed
                    : UploadFailure.ProtocolViolation;
                return false;
            }

            LastStatusCode = _connection.Response.StatusCode;

            // The head is complete, so the answer stands; a body that fails to drain only means the
            // connection is not reused (FinishResponse closed it) and the next Step reconnects.
            _ = _connection.FinishResponse();
            return true;
        }

        private UploadStatus ConnectionLost()
        {
            _connection.Close();
            return Retry(Failure);
        }

        private UploadStatus Retry(UploadFailure failure)
        {
            Failure = failure;
            _phase = _path == null ? TusPhase.Create : TusPhase.Head;
            RetryDelayMs = _retries.NextDelayMs(_rules, LastStatusCode);
            _log.Write(LogLevel.Warning, "upload", "record " + _job.Sequence.ToString() + ": " + failure.ToString() + ", retry in " + RetryDelayMs.ToString() + " ms");
            return UploadStatus.RetryLater;
        }

        private UploadStatus Reject(UploadFailure failure)
        {
            Failure = failure;
            _phase = TusPhase.Finished;
            _log.Write(LogLevel.Error, "upload", "record " + _job.Sequence.ToString() + " rejected: " + failure.ToString() + " (HTTP " + LastStatusCode.ToString() + ")");
            return UploadStatus.Rejected;
        }
    }
}

using System;
using System.Text;
using CamAgent.Core.Http;
using CamAgent.Core.Text;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// Reads the tus fields of a response head and classifies error statuses
    /// (docs/upload-protocol.md, "Status codes"). Field values are read in place; only the rare
    /// strings (Location, CamAgent-Error) are allocated.
    /// </summary>
    internal sealed class TusResponseRules
    {
        // Field names and the version, encoded once: matching them against a response reads no string.
        private static readonly byte[] TusResumableName = Encoding.UTF8.GetBytes(TusHeaders.TusResumable);
        private static readonly byte[] ProtocolVersion = Encoding.UTF8.GetBytes(TusHeaders.ProtocolVersion);
        private static readonly byte[] UploadOffsetName = Encoding.UTF8.GetBytes(TusHeaders.UploadOffset);
        private static readonly byte[] UploadLengthName = Encoding.UTF8.GetBytes(TusHeaders.UploadLength);
        private static readonly byte[] LocationName = Encoding.UTF8.GetBytes(TusHeaders.Location);
        private static readonly byte[] ReceiptName = Encoding.UTF8.GetBytes(TusHeaders.Receipt);
        private static readonly byte[] RetryAfterName = Encoding.UTF8.GetBytes(TusHeaders.RetryAfter);

        private readonly HttpResponseHead _head;

        public TusResponseRules(HttpResponseHead head)
        {
            _head = head;
        }

        /// <summary>tus 1.0.0: every response but OPTIONS carries Tus-Resumable: 1.0.0.</summary>
        public bool IsTusResponse()
        {
            int offset;
            int count;
            return _head.TryGetSingle(TusResumableName, out offset, out count)
                && HttpSyntax.EqualsIgnoreCase(_head.Buffer, offset, count, ProtocolVersion);
        }

        /// <summary>Upload-Offset (tus 1.0.0: non-negative integer), required, at most <paramref name="length"/>.</summary>
        public bool TryGetOffset(long length, out long offset)
        {
            return _head.TryGetDecimal(UploadOffsetName, length, out offset);
        }

        /// <summary>Upload-Offset when present (idempotent re-creation), else 0.</summary>
        public bool TryGetOptionalOffset(long length, out long offset)
        {
            offset = 0;
            return _head.IndexOf(UploadOffsetName) < 0 || TryGetOffset(length, out offset);
        }

        /// <summary>False only when Upload-Length is present and differs from the record's length.</summary>
        public bool LengthMatches(long length)
        {
            long announced;
            return _head.IndexOf(UploadLengthName) < 0
                || (_head.TryGetDecimal(UploadLengthName, long.MaxValue, out announced) && announced == length);
        }

        public string GetLocation()
        {
            return _head.CountOf(LocationName) == 1 ? _head.GetString(TusHeaders.Location) : null;
        }

        public string GetErrorCode()
        {
            return _head.GetString(TusHeaders.Error);
        }

        public bool HasReceipt()
        {
            return _head.IndexOf(ReceiptName) >= 0;
        }

        /// <summary>Decodes CamAgent-Receipt into <paramref name="receipt"/>; the length, or -1 when absent, repeated, not base64 or too large.</summary>
        public int DecodeReceipt(byte[] receipt)
        {
            int offset;
            int count;
            if (!_head.TryGetSingle(ReceiptName, out offset, out count) || count == 0)
            {
                return -1;
            }

            if ((count / 4) * 3 > receipt.Length + 2)
            {
                return -1;
            }

            return Base64.Decode(_head.Buffer, offset, count, receipt, 0);
        }

        /// <summary>Retry-After of a 429 or 5xx response (RFC 9110 §10.2.3), as milliseconds from <paramref name="nowUtc"/>.</summary>
        public bool TryGetRetryAfterMs(int statusCode, DateTime nowUtc, out long delayMs)
        {
            delayMs = 0;
            int offset;
            int count;
            return (statusCode == 429 || statusCode >= 500)
                && _head.TryGetValue(RetryAfterName, out offset, out count)
                && RetryAfterValue.TryGetDelayMs(_head.Buffer, offset, count, nowUtc, out delayMs);
        }

        /// <summary>Maps an unexpected status to a failure (docs/upload-protocol.md, "Status codes").</summary>
        public static UploadFailure Classify(int statusCode, string errorCode)
        {
            switch (statusCode)
            {
                case 400: return errorCode == ErrorCodes.BodyIncomplete ? UploadFailure.BodyIncomplete : UploadFailure.BadRequest;
                case 403: return UploadFailure.Forbidden;
                case 404: return UploadFailure.UploadGone;
                case 409: return ClassifyConflict(errorCode);
                case 410: return UploadFailure.UploadGone;
                case 412: return UploadFailure.VersionNotSupported;
                case 413: return UploadFailure.TooLarge;
                case 415: return UploadFailure.UnsupportedMediaType;
                case 423: return UploadFailure.UploadLocked;
                case 429: return UploadFailure.ServerBusy;
                case 460: return UploadFailure.ContentDigestMismatch;
                case 503: return UploadFailure.ServerBusy;
                default:
                    break;
            }

            if (statusCode >= 500)
            {
                return UploadFailure.ServerError;
            }

            // 1xx are consumed by the reader, so this is a 2xx/3xx the exchange did not expect:
            // redirects are never followed (the egress policy names one host).
            return statusCode >= 400 ? UploadFailure.RequestRejected : UploadFailure.ProtocolViolation;
        }

        private static UploadFailure ClassifyConflict(string errorCode)
        {
            if (errorCode == ErrorCodes.SequenceConflict)
            {
                return UploadFailure.SequenceConflict;
            }

            return errorCode == ErrorCodes.ChainLinkMismatch ? UploadFailure.ChainLinkMismatch : UploadFailure.OffsetConflict;
        }

        /// <summary>True for failures that retrying the same request cannot fix.</summary>
        public static bool IsPermanent(UploadFailure failure)
        {
            return (int)failure >= (int)UploadFailure.BadRequest;
        }
    }
}

using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Cbor;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Cose
{
    /// <summary>
    /// Builds tagged COSE_Sign1 messages (RFC 9052 §4.2) signed with ES256 through an
    /// <see cref="ISigner"/>. Layout, in deterministic CBOR:
    /// <c>18([ bstr({1: -7, 33: certificate}), {}, bstr(payload), bstr(r || s) ])</c>.
    /// The signer's certificate (x5chain, RFC 9360 §2) sits in the protected header so the
    /// signature also binds the identity it was made under. One instance allocates its scratch
    /// state once and can be reused for any number of messages (not concurrently).
    /// </summary>
    public sealed class CoseSign1Encoder
    {
        // Bytes of the protected map before the certificate's bstr head:
        // map(2), key 1, value -7, key 33 (0x18 0x21).
        private const int ProtectedFixedBytes = 5;
        private const int MaxHeadBytes = 9;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _scratch = new byte[MaxHeadBytes];
        private readonly byte[] _digest = new byte[Sha256.DigestSizeBytes];
        private readonly byte[] _signature = new byte[CoseConstants.Es256SignatureBytes];
        private SignerStatus _lastSignerStatus;

        /// <summary>What the signer answered on the last <see cref="Sign"/> call.</summary>
        public SignerStatus LastSignerStatus
        {
            get { return _lastSignerStatus; }
        }

        /// <summary>Exact size in bytes of the message <see cref="Sign"/> writes for these lengths.</summary>
        public static int EncodedSize(int certificateLength, int payloadLength)
        {
            if (certificateLength < 0 || payloadLength < 0)
            {
                throw new ArgumentOutOfRangeException("certificateLength");
            }

            int protectedLength = ProtectedLength(certificateLength);
            return 1 + 1
                + CborWriter.HeadSize((ulong)protectedLength) + protectedLength
                + 1
                + CborWriter.HeadSize((ulong)payloadLength) + payloadLength
                + CborWriter.HeadSize(CoseConstants.Es256SignatureBytes) + CoseConstants.Es256SignatureBytes;
        }

        /// <summary>
        /// Signs <paramref name="payload"/> and writes the whole message into <paramref name="output"/>.
        /// Returns Ok (and <paramref name="written"/> bytes), BufferTooSmall (nothing signed) or
        /// SignerFailed (see <see cref="LastSignerStatus"/>; the output region holds no valid message).
        /// Neither input may overlap the output region.
        /// </summary>
        public CoseStatus Sign(
            ISigner signer,
            byte[] certificate,
            int certificateOffset,
            int certificateLength,
            byte[] payload,
            int payloadOffset,
            int payloadLength,
            byte[] output,
            int outputOffset,
            int outputCapacity,
            out int written)
        {
            written = 0;
            CheckArguments(signer, certificate, certificateOffset, certificateLength, payload, payloadOffset, payloadLength, output, outputOffset, outputCapacity);
            int size = EncodedSize(certificateLength, payloadLength);
            if (size > outputCapacity)
            {
                return CoseStatus.BufferTooSmall;
            }

            int position = outputOffset;
            output[position++] = CoseConstants.Sign1TagByte;
            position += CborWriter.EncodeHead(CborMajorType.Array, 4, output, position);
            int protectedLength = ProtectedLength(certificateLength);
            position += CborWriter.EncodeHead(CborMajorType.ByteString, (ulong)protectedLength, output, position);
            int protectedOffset = position;
            position = WriteProtectedHeader(certificate, certificateOffset, certificateLength, output, position);
            position += CborWriter.EncodeHead(CborMajorType.Map, 0, output, position);
            position += CborWriter.EncodeHead(CborMajorType.ByteString, (ulong)payloadLength, output, position);
            Array.Copy(payload, payloadOffset, output, position, payloadLength);
            position += payloadLength;

            CoseSigStructure.ComputeDigest(_sha, _scratch, output, protectedOffset, protectedLength, payload, payloadOffset, payloadLength, _digest, 0);
            _lastSignerStatus = signer.SignDigest(_digest, 0, _signature, 0);
            if (_lastSignerStatus != SignerStatus.Ok)
            {
                return CoseStatus.SignerFailed;
            }

            position += CborWriter.EncodeHead(CborMajorType.ByteString, CoseConstants.Es256SignatureBytes, output, position);
            Array.Copy(_signature, 0, output, position, CoseConstants.Es256SignatureBytes);
            written = position + CoseConstants.Es256SignatureBytes - outputOffset;
            return CoseStatus.Ok;
        }

        private static int ProtectedLength(int certificateLength)
        {
            return ProtectedFixedBytes + CborWriter.HeadSize((ulong)certificateLength) + certificateLength;
        }

        // Keys 1 and 33 in ascending order (RFC 8949 §4.2.1).
        private static int WriteProtectedHeader(byte[] certificate, int certificateOffset, int certificateLength, byte[] output, int position)
        {
            position += CborWriter.EncodeHead(CborMajorType.Map, 2, output, position);
            position += CborWriter.EncodeHead(CborMajorType.UnsignedInteger, CoseConstants.HeaderAlgorithm, output, position);
            position += CborWriter.EncodeHead(CborMajorType.NegativeInteger, (ulong)(-1 - CoseConstants.AlgorithmEs256), output, position);
            position += CborWriter.EncodeHead(CborMajorType.UnsignedInteger, CoseConstants.HeaderX5Chain, output, position);
            position += CborWriter.EncodeHead(CborMajorType.ByteString, (ulong)certificateLength, output, position);
            Array.Copy(certificate, certificateOffset, output, position, certificateLength);
            return position + certificateLength;
        }

        private static void CheckArguments(
            ISigner signer,
            byte[] certificate,
            int certificateOffset,
            int certificateLength,
            byte[] payload,
            int payloadOffset,
            int payloadLength,
            byte[] output,
            int outputOffset,
            int outputCapacity)
        {
            if (signer == null)
            {
                throw new ArgumentNullException("signer");
            }

            Bytes.CheckRange(certificate, certificateOffset, certificateLength, "certificate");
            Bytes.CheckRange(payload, payloadOffset, payloadLength, "payload");
            Bytes.CheckRange(output, outputOffset, outputCapacity, "output");
            if (certificateLength == 0)
            {
                throw new ArgumentException("a certificate is required", "certificate");
            }
        }
    }
}

using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Cose
{
    /// <summary>
    /// A parsed view of a CamAgent COSE_Sign1 message (RFC 9052 §4.2): every part is an
    /// (offset, length) into the caller's buffer, which must stay unchanged while the view is used.
    /// <see cref="Decode"/> accepts exactly what <see cref="CoseSign1Encoder"/> produces: tag 18,
    /// protected header {1: -7, 33: x5chain} with x5chain a certificate or an array of 1 to
    /// <see cref="CoseConstants.MaxChainCertificates"/> certificates (signer first), an empty
    /// unprotected header, an embedded payload and a 64-byte signature. It does not verify the
    /// signature; it computes the digest a verifier checks (<see cref="ComputeToBeSignedDigest"/>).
    /// One instance allocates its state once and is reused across messages.
    /// </summary>
    public sealed class CoseSign1Message
    {
        private const int MaxHeadBytes = 9;

        private readonly CborReader _reader = new CborReader();
        private readonly CborReader _headerReader = new CborReader();
        private readonly int[] _certificateOffsets = new int[CoseConstants.MaxChainCertificates];
        private readonly int[] _certificateLengths = new int[CoseConstants.MaxChainCertificates];
        private readonly byte[] _scratch = new byte[MaxHeadBytes];

        /// <summary>The buffer the offsets refer to (the one last passed to <see cref="Decode"/>).</summary>
        public byte[] Buffer { get; private set; }

        public int ProtectedOffset { get; private set; }

        public int ProtectedLength { get; private set; }

        public int PayloadOffset { get; private set; }

        public int PayloadLength { get; private set; }

        /// <summary>Offset of the 64-byte r || s signature.</summary>
        public int SignatureOffset { get; private set; }

        /// <summary>Certificates in the x5chain, signer's first; at least 1 after a successful decode.</summary>
        public int CertificateCount { get; private set; }

        /// <summary>Offset of certificate <paramref name="index"/> (0 = the signer's) in <see cref="Buffer"/>.</summary>
        public int GetCertificateOffset(int index)
        {
            CheckIndex(index);
            return _certificateOffsets[index];
        }

        /// <summary>DER length of certificate <paramref name="index"/>.</summary>
        public int GetCertificateLength(int index)
        {
            CheckIndex(index);
            return _certificateLengths[index];
        }

        /// <summary>Parses <paramref name="count"/> bytes at <paramref name="offset"/>; on failure the view's fields are meaningless.</summary>
        public CoseStatus Decode(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Buffer = buffer;
            CertificateCount = 0;
            if (count < 1 || buffer[offset] != CoseConstants.Sign1TagByte)
            {
                return CoseStatus.NotCoseSign1;
            }

            _reader.Reset(buffer, offset + 1, count - 1);
            int items;
            if (_reader.ReadArrayHeader(out items) != CborStatus.Ok)
            {
                return ReaderFailure(_reader);
            }

            if (items != 4)
            {
                return CoseStatus.NotCoseSign1;
            }

            CoseStatus status = ReadProtected();
            if (status != CoseStatus.Ok)
            {
                return status;
            }

            status = ReadUnprotectedPayloadSignature();
            if (status != CoseStatus.Ok)
            {
                return status;
            }

            return _reader.ReadEnd() == CborStatus.Ok ? CoseStatus.Ok : ReaderFailure(_reader);
        }

        /// <summary>
        /// Writes SHA-256 of this message's Sig_structure (RFC 9052 §4.4) into <paramref name="digest"/>;
        /// valid only after a successful <see cref="Decode"/>.
        /// </summary>
        public void ComputeToBeSignedDigest(Sha256 sha, byte[] digest, int digestOffset)
        {
            CoseSigStructure.ComputeDigest(sha, _scratch, Buffer, ProtectedOffset, ProtectedLength, Buffer, PayloadOffset, PayloadLength, digest, digestOffset);
        }

        private CoseStatus ReadProtected()
        {
            int protectedOffset;
            int protectedLength;
            if (_reader.ReadByteString(out protectedOffset, out protectedLength) != CborStatus.Ok)
            {
                return ReaderFailure(_reader);
            }

            ProtectedOffset = protectedOffset;
            ProtectedLength = protectedLength;
            _headerReader.Reset(Buffer, protectedOffset, protectedLength);
            int pairs;
            if (_headerReader.ReadMapHeader(out pairs) != CborStatus.Ok)
            {
                return ReaderFailure(_headerReader);
            }

            if (pairs != 2)
            {
                return CoseStatus.UnsupportedHeader;
            }

            long label;
            long algorithm;
            if (_headerReader.ReadInt64(out label) != CborStatus.Ok || _headerReader.ReadInt64(out algorithm) != CborStatus.Ok)
            {
                return ReaderFailure(_headerReader);
            }

            if (label != CoseConstants.HeaderAlgorithm || algorithm != CoseConstants.AlgorithmEs256)
            {
                return CoseStatus.UnsupportedHeader;
            }

            if (_headerReader.ReadInt64(out label) != CborStatus.Ok)
            {
                return ReaderFailure(_headerReader);
            }

            if (label != CoseConstants.HeaderX5Chain)
            {
                return CoseStatus.UnsupportedHeader;
            }

            CoseStatus status = ReadCertificateChain();
            if (status != CoseStatus.Ok)
            {
                return status;
            }

            return _headerReader.ReadEnd() == CborStatus.Ok ? CoseStatus.Ok : ReaderFailure(_headerReader);
        }

        // RFC 9360 §2: a single certificate is a bstr, several are an array of bstr.
        private CoseStatus ReadCertificateChain()
        {
            CborMajorType type;
            if (_headerReader.PeekMajorType(out type) != CborStatus.Ok)
            {
                return ReaderFailure(_headerReader);
            }

            int certificates = 1;
            if (type == CborMajorType.Array)
            {
                if (_headerReader.ReadArrayHeader(out certificates) != CborStatus.Ok)
                {
                    return ReaderFailure(_headerReader);
                }

                if (certificates < 1 || certificates > CoseConstants.MaxChainCertificates)
                {
                    return CoseStatus.MissingCertificate;
                }
            }

            for (int i = 0; i < certificates; i++)
            {
                int certificateOffset;
                int certificateLength;
                if (_headerReader.ReadByteString(out certificateOffset, out certificateLength) != CborStatus.Ok)
                {
                    return ReaderFailure(_headerReader);
                }

                if (certificateLength == 0)
                {
                    return CoseStatus.MissingCertificate;
                }

                _certificateOffsets[i] = certificateOffset;
                _certificateLengths[i] = certificateLength;
            }

            CertificateCount = certificates;
            return CoseStatus.Ok;
        }

        private CoseStatus ReadUnprotectedPayloadSignature()
        {
            int pairs;
            if (_reader.ReadMapHeader(out pairs) != CborStatus.Ok)
            {
                return ReaderFailure(_reader);
            }

            if (pairs != 0)
            {
                return CoseStatus.UnsupportedHeader;
            }

            CborMajorType type;
            if (_reader.PeekMajorType(out type) != CborStatus.Ok)
            {
                return ReaderFailure(_reader);
            }

            if (type == CborMajorType.SimpleOrFloat)
            {
                return CoseStatus.DetachedPayload;
            }

            int payloadOffset;
            int payloadLength;
            int signatureOffset;
            int signatureLength;
            if (_reader.ReadByteString(out payloadOffset, out payloadLength) != CborStatus.Ok
                || _reader.ReadByteString(out signatureOffset, out signatureLength) != CborStatus.Ok)
            {
                return ReaderFailure(_reader);
            }

            if (signatureLength != CoseConstants.Es256SignatureBytes)
            {
                return CoseStatus.BadSignatureLength;
            }

            PayloadOffset = payloadOffset;
            PayloadLength = payloadLength;
            SignatureOffset = signatureOffset;
            return CoseStatus.Ok;
        }

        private static CoseStatus ReaderFailure(CborReader reader)
        {
            return reader.Status == CborStatus.UnexpectedType ? CoseStatus.NotCoseSign1 : CoseStatus.MalformedCbor;
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= CertificateCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }
        }
    }
}

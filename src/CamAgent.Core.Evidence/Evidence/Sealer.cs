using System;
using System.IO;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Evidence
{
    /// <summary>
    /// Seals records (docs/evidence-format.md §3): computes the content digest of a segment as it
    /// streams past in chunks, completes the manifest, signs it as COSE_Sign1/ES256 and advances
    /// the chain. Every buffer (the digest block, the manifest payload, the signing state) is
    /// allocated once in the constructor and reused for every record: sealing a segment of any
    /// length allocates nothing. One instance per device; not thread-safe.
    /// </summary>
    public sealed class Sealer
    {
        private readonly ISigner _signer;
        private readonly byte[] _certificate;
        private readonly string _deviceId;
        private readonly ContentDigest _digest;
        private readonly CoseSign1Encoder _encoder = new CoseSign1Encoder();
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _payload = new byte[EvidenceLimits.MaxManifestBytes];
        private readonly CborWriter _writer;

        /// <summary>
        /// <paramref name="deviceCertificate"/> (DER, copied) goes into every record's x5chain;
        /// <paramref name="deviceId"/> must be its subject CN.
        /// </summary>
        public Sealer(IHmacSha256Factory hmacFactory, ISigner signer, byte[] deviceCertificate, string deviceId, int chunkSizeBytes)
        {
            if (signer == null)
            {
                throw new ArgumentNullException("signer");
            }

            if (deviceCertificate == null || deviceCertificate.Length == 0 || deviceCertificate.Length > EvidenceLimits.MaxCertificateBytes)
            {
                throw new ArgumentException("certificate missing or larger than EvidenceLimits.MaxCertificateBytes", "deviceCertificate");
            }

            if (!Manifest.IsValidDeviceId(deviceId))
            {
                throw new ArgumentException("device id must be 1..64 characters of [A-Za-z0-9._-]", "deviceId");
            }

            _signer = signer;
            _certificate = new byte[deviceCertificate.Length];
            Array.Copy(deviceCertificate, _certificate, deviceCertificate.Length);
            _deviceId = deviceId;
            _digest = new ContentDigest(hmacFactory, chunkSizeBytes);
            _writer = new CborWriter(_payload, 0, _payload.Length);
        }

        /// <summary>Output capacity that always suffices for one record of this sealer.</summary>
        public int MaxRecordBytes
        {
            get { return CoseSign1Encoder.EncodedSize(_certificate.Length, EvidenceLimits.MaxManifestBytes); }
        }

        /// <summary>Bytes held by this sealer's buffers (for the device's memory budget).</summary>
        public int BufferBytes
        {
            get { return _digest.BlockBuffer.Length + _payload.Length + _certificate.Length + ContentDigest.FinalBlockBytes; }
        }

        /// <summary>The signer's answer when the last seal returned SignerFailed.</summary>
        public SignerStatus LastSignerStatus
        {
            get { return _encoder.LastSignerStatus; }
        }

        /// <summary>The manifest key at fault when the last seal returned InvalidFields.</summary>
        public int LastBadKey { get; private set; }

        /// <summary>
        /// Reads <paramref name="content"/> to its end and seals it as a segment. The caller fills the
        /// time attestation, <see cref="Manifest.BootCount"/>, <see cref="Manifest.RecordingId"/>,
        /// <see cref="Manifest.Truncated"/> and the last receipt digest in <paramref name="record"/>;
        /// the sealer sets every other field in place. On Ok the record's COSE bytes are in
        /// <paramref name="output"/> and <paramref name="chain"/> has advanced; otherwise the chain is unchanged.
        /// </summary>
        public SealStatus SealSegment(Stream content, Manifest record, ChainState chain, byte[] output, int outputOffset, int outputCapacity, out int written)
        {
            written = 0;
            if (content == null)
            {
                throw new ArgumentNullException("content");
            }

            CheckCommon(record, chain);
            record.Kind = RecordKind.Segment;
            record.Event = ContinuityEvent.None;
            SealStatus status = DigestStream(content, record);
            if (status != SealStatus.Ok)
            {
                return status;
            }

            return Seal(record, chain, output, outputOffset, outputCapacity, out written);
        }

        /// <summary>
        /// Seals a continuity record for <see cref="Manifest.Event"/> (which must not be None); content
        /// is empty. Same contract as <see cref="SealSegment"/> otherwise.
        /// </summary>
        public SealStatus SealContinuity(Manifest record, ChainState chain, byte[] output, int outputOffset, int outputCapacity, out int written)
        {
            written = 0;
            CheckCommon(record, chain);
            record.Kind = RecordKind.Continuity;
            record.Truncated = false;
            _digest.Reset();
            _digest.Finish(record.ContentDigestBytes, 0);
            record.ContentLength = 0;
            return Seal(record, chain, output, outputOffset, outputCapacity, out written);
        }

        private static void CheckCommon(Manifest record, ChainState chain)
        {
            if (record == null)
            {
                throw new ArgumentNullException("record");
            }

            if (chain == null)
            {
                throw new ArgumentNullException("chain");
            }
        }

        // Zero-copy: each chunk is read straight into the HMAC block (docs/evidence-format.md §4.3).
        private SealStatus DigestStream(Stream content, Manifest record)
        {
            _digest.Reset();
            byte[] block = _digest.BlockBuffer;
            int chunkSize = _digest.ChunkSizeBytes;
            long total = 0;
            while (true)
            {
                int filled;
                if (!ReadChunk(content, block, chunkSize, out filled))
                {
                    return SealStatus.ReadFailed;
                }

                if (filled == 0)
                {
                    break;
                }

                total += filled;
                if (total > EvidenceLimits.MaxContentLengthBytes)
                {
                    return SealStatus.ContentTooLong;
                }

                _digest.CommitChunk(filled);
                if (filled < chunkSize)
                {
                    break;
                }
            }

            _digest.Finish(record.ContentDigestBytes, 0);
            record.ContentLength = total;
            return SealStatus.Ok;
        }

        // Stream.Read may return fewer bytes than asked; only 0 means the end.
        private static bool ReadChunk(Stream content, byte[] block, int chunkSize, out int filled)
        {
            filled = 0;
            try
            {
                while (filled < chunkSize)
                {
                    int read = content.Read(block, ContentDigest.ChunkDataOffset + filled, chunkSize - filled);
                    if (read <= 0)
                    {
                        break;
                    }

                    filled += read;
                }
            }
            catch (IOException)
            {
                // The storage adapter's failure becomes a status: the segment stays unsealed and is retried.
                return false;
            }

            return true;
        }

        private SealStatus Seal(Manifest record, ChainState chain, byte[] output, int outputOffset, int outputCapacity, out int written)
        {
            written = 0;
            if (chain.NextSequence == long.MaxValue)
            {
                return SealStatus.SequenceExhausted;
            }

            record.Version = EvidenceLimits.FormatVersion;
            record.DeviceId = _deviceId;
            record.Sequence = chain.NextSequence;
            record.ChunkSizeBytes = _digest.ChunkSizeBytes;
            record.SignerKind = _signer.Kind;
            Array.Copy(chain.PreviousRecordDigest, record.PreviousRecordDigest, ContentDigest.DigestSizeBytes);

            _writer.Reset(_payload, 0, _payload.Length);
            int badKey;
            EvidenceStatus encoded = ManifestCodec.Encode(record, _writer, out badKey);
            LastBadKey = badKey;
            if (encoded != EvidenceStatus.Ok)
            {
                return encoded == EvidenceStatus.BufferTooSmall ? SealStatus.BufferTooSmall : SealStatus.InvalidFields;
            }

            CoseStatus signed = _encoder.Sign(_signer, _certificate, 0, _certificate.Length, _payload, 0, _writer.Length, output, outputOffset, outputCapacity, out written);
            if (signed != CoseStatus.Ok)
            {
                written = 0;
                return signed == CoseStatus.BufferTooSmall ? SealStatus.BufferTooSmall : SealStatus.SignerFailed;
            }

            chain.Advance(output, outputOffset, written, _sha);
            return SealStatus.Ok;
        }
    }
}

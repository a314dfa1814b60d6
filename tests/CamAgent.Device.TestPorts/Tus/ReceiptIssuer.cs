using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// Signs receipts as the ingest server does (docs/evidence-format.md §6): the receipt map in a
    /// COSE_Sign1 with ES256 under the receipt key, the receipt certificate in its x5chain.
    /// </summary>
    internal sealed class ReceiptIssuer
    {
        private const int PayloadCapacityBytes = 512;

        private readonly EcdsaP256Signer _signer;
        private readonly byte[] _certificate;
        private readonly CoseSign1Encoder _encoder = new CoseSign1Encoder();
        private readonly byte[] _payload = new byte[PayloadCapacityBytes];

        public ReceiptIssuer(byte[] receiptKey, byte[] receiptCertificate)
        {
            _signer = new EcdsaP256Signer(receiptKey);
            _certificate = receiptCertificate;
        }

        public byte[] Issue(StoredUpload upload, long serverTimeMs)
        {
            Receipt receipt = new Receipt();
            receipt.DeviceId = upload.Record.DeviceId;
            receipt.Sequence = upload.Sequence;
            receipt.ContentLength = upload.Length;
            receipt.ServerTimeMs = serverTimeMs;
            receipt.UploadId = upload.Id;
            Array.Copy(upload.Record.ContentDigestBytes, receipt.ContentDigestBytes, ContentDigest.DigestSizeBytes);
            Array.Copy(Sha256.Hash(upload.ManifestBytes), receipt.ManifestDigest, Sha256.DigestSizeBytes);

            CborWriter writer = new CborWriter(_payload, 0, _payload.Length);
            int badKey;
            if (receipt.Encode(writer, out badKey) != EvidenceStatus.Ok)
            {
                throw new InvalidOperationException("receipt does not encode (key " + badKey.ToString() + ")");
            }

            byte[] output = new byte[CoseSign1Encoder.EncodedSize(_certificate.Length, writer.Length)];
            int written;
            if (_encoder.Sign(_signer, _certificate, 0, _certificate.Length, _payload, 0, writer.Length, output, 0, output.Length, out written) != CoseStatus.Ok)
            {
                throw new InvalidOperationException("receipt not signed");
            }

            return output;
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Decodes a receipt and checks its ES256 signature against the receipt certificate, as a device would against its pinned key.</summary>
public static class ReceiptReader
{
    public static Receipt Read(byte[] receiptCose, X509Certificate2 receiptCertificate)
    {
        var message = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, message.Decode(receiptCose, 0, receiptCose.Length));
        Assert.Equal(receiptCertificate.RawData, receiptCose.AsSpan(message.GetCertificateOffset(0), message.GetCertificateLength(0)).ToArray());
        byte[] digest = new byte[32];
        message.ComputeToBeSignedDigest(new Sha256(), digest, 0);
        using ECDsa key = receiptCertificate.GetECDsaPublicKey()!;
        Assert.True(key.VerifyHash(digest, receiptCose.AsSpan(message.SignatureOffset, 64), DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "receipt signature");
        var receipt = new Receipt();
        Assert.Equal(EvidenceStatus.Ok, receipt.Decode(receiptCose, message.PayloadOffset, message.PayloadLength, new CborReader(), out _));
        return receipt;
    }
}

using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;

namespace CamAgent.Core.Tests.Agent;

/// <summary>Decodes a stored manifest for assertions.</summary>
public static class CoseReceiptChecker
{
    public static Manifest ManifestOf(byte[] cose, int offset, int count)
    {
        var message = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, message.Decode(cose, offset, count));
        var manifest = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(message.Buffer, message.PayloadOffset, message.PayloadLength, new CborReader(), manifest, out _));
        return manifest;
    }
}

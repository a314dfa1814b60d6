using System.Security.Cryptography;
using CamAgent.Core.Binary;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Tests.Spool;

/// <summary>The scripted sealer's "manifest": the fields the spool's rules are checked against.</summary>
public sealed record ScriptedRecord(long Sequence, long RecorderSequence, bool Truncated, long ContentLength, byte[] ContentDigest, byte[] PreviousChainState)
{
    public static byte[] Build(long sequence, long recorderSequence, bool truncated, byte[] content, byte[] previous, int boot)
    {
        byte[] manifest = new byte[2 + 8 + 8 + 1 + 8 + 32 + 1 + previous.Length + 4];
        manifest[0] = (byte)'M';
        manifest[1] = (byte)'1';
        Bytes.WriteInt64(manifest, 2, sequence);
        Bytes.WriteInt64(manifest, 10, recorderSequence);
        manifest[18] = truncated ? (byte)1 : (byte)0;
        Bytes.WriteInt64(manifest, 19, content.Length);
        SHA256.HashData(content).CopyTo(manifest, 27);
        manifest[59] = (byte)previous.Length;
        previous.CopyTo(manifest, 60);

        // Stands for the boot count and time attestation: a record sealed again after a reboot differs.
        Bytes.WriteUInt32(manifest, 60 + previous.Length, (uint)boot);
        return manifest;
    }

    public static ScriptedRecord Parse(byte[] manifest)
    {
        Assert.Equal((byte)'M', manifest[0]);
        return new ScriptedRecord(
            Bytes.ReadInt64(manifest, 2),
            Bytes.ReadInt64(manifest, 10),
            manifest[18] == 1,
            Bytes.ReadInt64(manifest, 19),
            manifest[27..59],
            manifest[60..(60 + manifest[59])]);
    }
}

/// <summary>The scripted server's receipt: binds the sequence to the manifest it received.</summary>
public static class Receipts
{
    public static byte[] For(long sequence, byte[] manifest)
    {
        byte[] receipt = new byte[2 + 8 + 32];
        receipt[0] = (byte)'R';
        receipt[1] = (byte)'1';
        Bytes.WriteInt64(receipt, 2, sequence);
        SHA256.HashData(manifest).CopyTo(receipt, 10);
        return receipt;
    }
}

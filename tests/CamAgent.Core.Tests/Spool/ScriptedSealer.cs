using System.Security.Cryptography;
using CamAgent.Core.Spool;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// A stand-in sealer: the record is the fields plus SHA-256 of the content plus the previous chain
/// state; the chain state after it is SHA-256 of the record. Fast enough for sweeps of thousands of runs.
/// </summary>
public sealed class ScriptedSealer : IScenarioSealer
{
    public byte[] GenesisLink => Array.Empty<byte>();

    public byte[] SealSegment(long sequence, byte[] chainState, byte[] content, bool truncated, int boot, out byte[] chainStateAfter)
    {
        byte[] record = ScriptedRecord.Build(sequence, 0, truncated, content, chainState, boot);
        chainStateAfter = SHA256.HashData(record);
        return record;
    }

    public byte[] SealContinuity(long sequence, byte[] chainState, int boot, RecoveryReport? recovery, out byte[] chainStateAfter)
    {
        byte[] record = ScriptedRecord.Build(sequence, -1, false, Array.Empty<byte>(), chainState, boot);
        chainStateAfter = SHA256.HashData(record);
        return record;
    }

    public RecordView Parse(byte[] record)
    {
        ScriptedRecord parsed = ScriptedRecord.Parse(record);
        return new RecordView(parsed.Sequence, parsed.ContentLength, parsed.Truncated, parsed.ContentDigest, parsed.PreviousChainState);
    }

    public byte[] DigestOf(byte[] content) => SHA256.HashData(content);
}

namespace CamAgent.Core.Tests.Spool;

/// <summary>What the scenario needs from a sealer, and what its server needs to check a record.</summary>
public interface IScenarioSealer
{
    /// <summary>What the first record links to.</summary>
    byte[] GenesisLink { get; }

    /// <summary>Seals a segment with <paramref name="sequence"/> after the chain state the spool kept; returns the record and the chain state after it.</summary>
    byte[] SealSegment(long sequence, byte[] chainState, byte[] content, bool truncated, int boot, out byte[] chainStateAfter);

    /// <summary>Seals a power-loss-recovery continuity record.</summary>
    byte[] SealContinuity(long sequence, byte[] chainState, int boot, out byte[] chainStateAfter);

    /// <summary>Reads back what the server checks.</summary>
    RecordView Parse(byte[] record);

    /// <summary>The content digest a record of this sealer carries for <paramref name="content"/>.</summary>
    byte[] DigestOf(byte[] content);
}

/// <summary>The fields of a sealed record the server's rules look at.</summary>
public sealed record RecordView(long Sequence, long ContentLength, bool Truncated, byte[] ContentDigest, byte[] PreviousLink);

using CamAgent.Core.Spool;

namespace CamAgent.Core.Tests.Spool;

/// <summary>What the scenario needs from a sealer, and what its server needs to check a record.</summary>
public interface IScenarioSealer
{
    /// <summary>What the first record links to.</summary>
    byte[] GenesisLink { get; }

    /// <summary>Seals a segment with <paramref name="sequence"/> after the chain state the spool kept; returns the record and the chain state after it.</summary>
    byte[] SealSegment(long sequence, byte[] chainState, byte[] content, bool truncated, int boot, out byte[] chainStateAfter);

    /// <summary>
    /// Seals a power-loss-recovery continuity record; <paramref name="recovery"/> is the spool's
    /// report when this is the first record after a recovery (it declares the skipped numbers), else null.
    /// </summary>
    byte[] SealContinuity(long sequence, byte[] chainState, int boot, RecoveryReport? recovery, out byte[] chainStateAfter);

    /// <summary>Reads back what the server checks.</summary>
    RecordView Parse(byte[] record);

    /// <summary>The content digest a record of this sealer carries for <paramref name="content"/>.</summary>
    byte[] DigestOf(byte[] content);
}

/// <summary>
/// The fields of a sealed record the server's rules look at. <paramref name="DeclaredSkipped"/>: how
/// many sequence numbers right before it the record declares skipped, or -1 when the sealer does not declare gaps.
/// </summary>
public sealed record RecordView(long Sequence, long ContentLength, bool Truncated, byte[] ContentDigest, byte[] PreviousLink, long DeclaredSkipped = -1);

namespace CamAgent.Cli.Demo;

/// <summary>A record a simulated camera sealed: its COSE_Sign1 manifest and, for a segment, the recorded file.</summary>
/// <param name="ContentPath">The camera's recorded segment file; null for a continuity record.</param>
public sealed record RecordedRecord(long Sequence, byte[] Manifest, string? ContentPath, long ContentLength);

namespace CamAgent.Ingest.Storage;

/// <summary>What a PATCH achieved: its status, the upload's durable offset afterwards, and the receipt once completed.</summary>
public sealed record AppendResult(AppendStatus Status, long OffsetBytes, byte[]? Receipt = null);

namespace CamAgent.Ingest.Cluster;

/// <summary>Bytes [OffsetBytes, OffsetBytes + LengthBytes) of an unfinished upload, held in one object of the staging bucket.</summary>
internal sealed record StagedPiece(long OffsetBytes, long LengthBytes, string Key);

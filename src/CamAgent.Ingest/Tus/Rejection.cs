namespace CamAgent.Ingest.Tus;

/// <summary>A refused request: the HTTP status and the CamAgent-Error code it is answered with.</summary>
public sealed record Rejection(int Status, string Code);

namespace CamAgent.Ingest.Storage;

/// <summary>
/// What creating an upload gave: <see cref="Session"/> for Created/AlreadyExists of an
/// unfinished upload, <see cref="Stored"/> for StoredWithoutContent/AlreadyExists of a finished
/// record, neither for a refusal.
/// </summary>
public sealed record CreateResult(CreateStatus Status, UploadSession? Session = null, StoredRecord? Stored = null);

using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Creation on the cluster store (docs/upload-protocol.md §3.2), decided in one PostgreSQL
/// transaction under a per-device advisory lock, so every node sees the same registry: the
/// same sequence with identical manifest bytes is the existing upload; with other bytes it is
/// 409 sequence-conflict (and the (device, sequence) primary key would refuse a second row
/// even without the lock); the chain link is checked against the neighbours any node stored.
/// </summary>
internal static class ClusterCreation
{
    public static (CreateStatus Status, RecordRow? Row) Create(
        NpgsqlDataSource database, IEvidenceFormat format, IngestLimits limits, byte[] manifest, ManifestFacts facts, DateTime nowUtc)
    {
        using NpgsqlConnection connection = database.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@d, 0))", ("d", facts.DeviceId));
        RecordRow? existing = RecordTable.Find(connection, transaction, "device_id = @d AND sequence = @s", ("d", facts.DeviceId), ("s", (decimal)facts.Sequence));
        if (existing is not null && existing.State != RecordRow.Gone)
        {
            bool identical = existing.Manifest.AsSpan().SequenceEqual(manifest);
            return (identical ? CreateStatus.AlreadyExists : CreateStatus.SequenceConflict, existing);
        }

        if (!ChainLinkRule.Holds(format, facts, manifest, sequence => ManifestOf(connection, transaction, facts.DeviceId, sequence)))
        {
            return (CreateStatus.ChainLinkMismatch, null);
        }

        if (OpenUploadsOf(connection, transaction, facts.DeviceId) >= limits.MaxOpenUploadsPerDevice)
        {
            return (CreateStatus.TooManyOpenUploads, null);
        }

        string id = UploadId.Format(facts.DeviceId, facts.Sequence);
        Execute(connection, transaction, """
            INSERT INTO records (device_id, sequence, upload_id, manifest, length_bytes, offset_bytes, state, last_activity)
            VALUES (@d, @s, @id, @m, @l, 0, 'open', @now)
            ON CONFLICT (device_id, sequence) DO UPDATE
            SET manifest = EXCLUDED.manifest, length_bytes = EXCLUDED.length_bytes, offset_bytes = 0, state = 'open', receipt = NULL, last_activity = EXCLUDED.last_activity
            WHERE records.state = 'gone'
            """,
            ("d", facts.DeviceId), ("s", (decimal)facts.Sequence), ("id", id), ("m", manifest), ("l", facts.ContentLengthBytes), ("now", nowUtc));
        Execute(connection, transaction, "DELETE FROM staged WHERE upload_id = @id", ("id", id));
        transaction.Commit();
        return (CreateStatus.Created, new RecordRow(facts.DeviceId, facts.Sequence, id, manifest, facts.ContentLengthBytes, 0, RecordRow.Open, null, nowUtc));
    }

    private static byte[]? ManifestOf(NpgsqlConnection connection, NpgsqlTransaction transaction, string deviceId, ulong sequence)
    {
        RecordRow? row = RecordTable.Find(connection, transaction, "device_id = @d AND sequence = @s AND state <> 'gone'", ("d", deviceId), ("s", (decimal)sequence));
        return row?.Manifest;
    }

    private static long OpenUploadsOf(NpgsqlConnection connection, NpgsqlTransaction transaction, string deviceId)
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM records WHERE device_id = @d AND state = 'open'", connection, transaction);
        command.Parameters.AddWithValue("d", deviceId);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach ((string name, object value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}

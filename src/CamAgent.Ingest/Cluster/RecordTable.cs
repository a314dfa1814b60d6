using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Reads and changes of the <c>records</c> and <c>staged</c> tables. Every change that moves an
/// upload forward is a compare-and-set on the row (expected offset or state), so nodes need no
/// lock between them: the loser of a race changes nothing and is told so.
/// </summary>
internal sealed class RecordTable
{
    private const string Columns = "device_id, sequence, upload_id, manifest, length_bytes, offset_bytes, state, receipt, last_activity";

    private readonly NpgsqlDataSource _database;

    public RecordTable(NpgsqlDataSource database)
    {
        _database = database;
    }

    public NpgsqlDataSource Database => _database;

    public RecordRow? Find(string uploadId)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        return Find(connection, null, "upload_id = @id", ("id", uploadId));
    }

    public static RecordRow? Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, params (string Name, object Value)[] values)
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM records WHERE {where}", connection, transaction);
        foreach ((string name, object value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    /// <summary>Open uploads with no activity since <paramref name="cutoffUtc"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public List<RecordRow> OpenIdleSince(DateTime cutoffUtc, int limit)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM records WHERE state = 'open' AND last_activity < @cutoff ORDER BY last_activity LIMIT @limit", connection);
        command.Parameters.AddWithValue("cutoff", cutoffUtc);
        command.Parameters.AddWithValue("limit", limit);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<RecordRow>();
        while (reader.Read())
        {
            rows.Add(Row(reader));
        }

        return rows;
    }

    private static RecordRow Row(NpgsqlDataReader reader) => new(
        reader.GetString(0), (ulong)reader.GetDecimal(1), reader.GetString(2), (byte[])reader[3], reader.GetInt64(4),
        reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : (byte[])reader[7], reader.GetDateTime(8).ToUniversalTime());

    /// <summary>Moves an open upload from <paramref name="fromOffset"/> to <paramref name="toOffset"/> and registers the piece that holds the new bytes; false when another request moved it first.</summary>
    public async Task<bool> AdvanceAsync(string uploadId, long fromOffset, long toOffset, string pieceKey, DateTime nowUtc)
    {
        await using NpgsqlConnection connection = await _database.OpenConnectionAsync().ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var update = new NpgsqlCommand(
            "UPDATE records SET offset_bytes = @to, last_activity = @now WHERE upload_id = @id AND offset_bytes = @from AND state = 'open'", connection, transaction))
        {
            update.Parameters.AddWithValue("to", toOffset);
            update.Parameters.AddWithValue("now", nowUtc);
            update.Parameters.AddWithValue("id", uploadId);
            update.Parameters.AddWithValue("from", fromOffset);
            if (await update.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO staged (upload_id, offset_bytes, length_bytes, object_key) VALUES (@id, @o, @l, @k)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", uploadId);
            insert.Parameters.AddWithValue("o", fromOffset);
            insert.Parameters.AddWithValue("l", toOffset - fromOffset);
            insert.Parameters.AddWithValue("k", pieceKey);
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The staged pieces of an upload in offset order.</summary>
    public async Task<List<StagedPiece>> StagedAsync(string uploadId)
    {
        await using NpgsqlConnection connection = await _database.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT offset_bytes, length_bytes, object_key FROM staged WHERE upload_id = @id ORDER BY offset_bytes", connection);
        command.Parameters.AddWithValue("id", uploadId);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var pieces = new List<StagedPiece>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            pieces.Add(new StagedPiece(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return pieces;
    }

    /// <summary>Replaces <paramref name="pieces"/> (contiguous) by one rolled-up piece; false when the upload moved on meanwhile.</summary>
    public async Task<bool> ReplaceStagedAsync(string uploadId, IReadOnlyList<StagedPiece> pieces, StagedPiece merged)
    {
        await using NpgsqlConnection connection = await _database.OpenConnectionAsync().ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var delete = new NpgsqlCommand("DELETE FROM staged WHERE upload_id = @id AND offset_bytes = ANY(@o)", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", uploadId);
            delete.Parameters.AddWithValue("o", pieces.Select(p => p.OffsetBytes).ToArray());
            if (await delete.ExecuteNonQueryAsync().ConfigureAwait(false) != pieces.Count)
            {
                return false;
            }
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO staged (upload_id, offset_bytes, length_bytes, object_key) VALUES (@id, @o, @l, @k)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", uploadId);
            insert.Parameters.AddWithValue("o", merged.OffsetBytes);
            insert.Parameters.AddWithValue("l", merged.LengthBytes);
            insert.Parameters.AddWithValue("k", merged.Key);
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Sets the state (and, when given, the receipt) if the row is in <paramref name="expectedState"/>; false otherwise.</summary>
    public bool SetState(string uploadId, string expectedState, string newState, byte[]? receipt = null)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        using var command = new NpgsqlCommand(
            "UPDATE records SET state = @new, receipt = COALESCE(@r, receipt) WHERE upload_id = @id AND state = @expected", connection);
        command.Parameters.AddWithValue("new", newState);
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = (object?)receipt ?? DBNull.Value });
        command.Parameters.AddWithValue("id", uploadId);
        command.Parameters.AddWithValue("expected", expectedState);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Forgets an upload's staged pieces (their objects are deleted by prefix).</summary>
    public void DeleteStaged(string uploadId)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        using var command = new NpgsqlCommand("DELETE FROM staged WHERE upload_id = @id", connection);
        command.Parameters.AddWithValue("id", uploadId);
        command.ExecuteNonQuery();
    }

    /// <summary>Removes the row of an upload whose content did not match (the sequence is free again, as on the filesystem store).</summary>
    public void Delete(string uploadId)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        using var command = new NpgsqlCommand("DELETE FROM records WHERE upload_id = @id AND state = 'open'", connection);
        command.Parameters.AddWithValue("id", uploadId);
        command.ExecuteNonQuery();
    }
}

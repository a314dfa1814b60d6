using System.Security.Cryptography;
using CamAgent.Ingest.Audit;
using CamAgent.Verification.Audit;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The audit chain of a cluster store: the same lines as the file log (AuditLineFormat), one row
/// each in the <c>audit</c> table, appended by every node. An advisory transaction lock makes the
/// nodes take turns, and the line number is the primary key, so the chain can never fork; the
/// row is committed (PostgreSQL's WAL flush) before the decision is answered. `camagent store
/// export` writes the rows out as audit.log, which `camagent audit verify` checks.
/// </summary>
internal sealed class ClusterAuditLog : IAuditLog
{
    private const string HeadQuery = "SELECT n, line FROM audit ORDER BY n DESC LIMIT 1";

    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private string _headHash = AuditLogFormat.GenesisHash;

    public ClusterAuditLog(NpgsqlDataSource database, TimeProvider time)
    {
        _database = database;
        _time = time;
        using NpgsqlConnection connection = database.OpenConnection();
        (_, byte[]? last) = ReadHead(connection, null);
        _headHash = last is null ? AuditLogFormat.GenesisHash : Convert.ToHexStringLower(SHA256.HashData(last));
    }

    /// <summary>Hash of the last line this node wrote or saw at start; other nodes append too.</summary>
    public string HeadHash => Volatile.Read(ref _headHash);

    public async Task AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // The advisory lock lets one append at a time through anyway; this node's appends queue
        // here, holding neither a pooled connection nor a thread while they wait. Otherwise each
        // waiter held a connection inside the lock wait, and a burst of decisions emptied the pool
        // while request threads blocked on it (the store's synchronous lookups) until timeouts.
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await AppendInTurnAsync(entry).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task AppendInTurnAsync(AuditEntry entry)
    {
        try
        {
            await using NpgsqlConnection connection = await _database.OpenConnectionAsync().ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("k", ClusterSchema.AuditLockKey);
                await lockCommand.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            (long n, byte[]? last) = await ReadHeadAsync(connection, transaction).ConfigureAwait(false);
            string previous = last is null ? AuditLogFormat.GenesisHash : Convert.ToHexStringLower(SHA256.HashData(last));
            byte[] line = AuditLineFormat.Format(entry, n + 1, _time.GetUtcNow(), previous);
            await using (var insert = new NpgsqlCommand("INSERT INTO audit (n, line) VALUES (@n, @line)", connection, transaction))
            {
                insert.Parameters.AddWithValue("n", n + 1);
                insert.Parameters.AddWithValue("line", line);
                await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Volatile.Write(ref _headHash, Convert.ToHexStringLower(SHA256.HashData(line)));
        }
        catch (Exception e) when (StorageFailure.Is(e) && e is not IOException)
        {
            // Any storage failure, as the store's own calls: the decision is answered 503.
            throw new IOException("The audit chain in PostgreSQL cannot be written: " + e.Message, e);
        }
    }

    /// <summary>The data source belongs to the store.</summary>
    public void Dispose()
    {
    }

    private static (long N, byte[]? Line) ReadHead(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(HeadQuery, connection, transaction);
        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, null);
    }

    private static async Task<(long N, byte[]? Line)> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(HeadQuery, connection, transaction);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), (byte[])reader[1]) : (0, null);
    }
}

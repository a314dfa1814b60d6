using CamAgent.Ingest.Tls;
using CamAgent.Verification.Revocation;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Revocations shared by every node: the <c>revocations</c> table (serials written as
/// <see cref="RevocationList.Normalize"/> gives them: upper-case hex without leading zeros), on top of the node's revocation
/// list file when one is configured. Asked on every request, like the file; a table that cannot
/// be read fails closed (503 revocation-list-unusable; when the database itself is unreachable
/// the refusal cannot be audited either, and the answer becomes 503 storage-unavailable).
/// </summary>
internal sealed class ClusterRevocations : IRevocationCheck
{
    private readonly NpgsqlDataSource _database;
    private readonly RevocationWatcher _file;

    public ClusterRevocations(NpgsqlDataSource database, RevocationWatcher file)
    {
        _database = database;
        _file = file;
    }

    public RevocationStatus Check(string serialHex)
    {
        RevocationStatus fromFile = _file.Check(serialHex);
        if (fromFile != RevocationStatus.NotRevoked)
        {
            return fromFile;
        }

        string serial = RevocationList.Normalize(serialHex);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return Ask(serial);
            }
            catch (NpgsqlException e) when (attempt == 1 && e is not PostgresException && e.InnerException is not TimeoutException)
            {
                // The connection itself failed, not the query (nor a database too slow to answer in
                // time, where new connections would only add to its load): most often a pooled one
                // that broke while it sat idle (the database restarted, or the network between dropped it).
                // Every request asks this first, so once the database is back, the pool's other
                // broken connections would each fail a request of their own: drop every idle
                // connection and ask once more on a new one. While the database is away, that
                // fails too, and the request is refused as before.
                _database.Clear();
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Not only NpgsqlException: a connection reset while it is being opened can surface
                // as a bare IOException, which escaped here and was answered 500.
                return RevocationStatus.ListUnusable;
            }
        }
    }

    private RevocationStatus Ask(string serial)
    {
        using NpgsqlConnection connection = _database.OpenConnection();
        using var command = new NpgsqlCommand("SELECT 1 FROM revocations WHERE serial = @s", connection);
        command.Parameters.AddWithValue("s", serial);
        return command.ExecuteScalar() is null ? RevocationStatus.NotRevoked : RevocationStatus.Revoked;
    }
}

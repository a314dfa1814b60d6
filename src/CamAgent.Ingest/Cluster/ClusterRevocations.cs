using CamAgent.Ingest.Tls;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Revocations shared by every node: the <c>revocations</c> table (serials as `camagent revoke`
/// writes them: hex, compared without case or leading zeros), on top of the node's revocation
/// list file when one is configured. Asked on every request, like the file; a database that
/// cannot be asked fails closed (503 revocation-list-unusable).
/// </summary>
internal sealed class ClusterRevocations : IRevocationCheck
{
    private readonly NpgsqlDataSource _database;
    private readonly RevocationList _file;

    public ClusterRevocations(NpgsqlDataSource database, RevocationList file)
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

        try
        {
            using NpgsqlConnection connection = _database.OpenConnection();
            using var command = new NpgsqlCommand(
                "SELECT 1 FROM revocations WHERE ltrim(upper(serial), '0') = ltrim(upper(@s), '0') LIMIT 1", connection);
            command.Parameters.AddWithValue("s", serialHex);
            return command.ExecuteScalar() is null ? RevocationStatus.NotRevoked : RevocationStatus.Revoked;
        }
        catch (NpgsqlException)
        {
            return RevocationStatus.ListUnusable;
        }
    }
}

using CamAgent.Verification.Revocation;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Writes revocations into the cluster store's <c>revocations</c> table, which every node asks on
/// every request (<see cref="ClusterRevocations"/>): what `camagent revoke --cluster-config` does,
/// so no one has to write serials by hand in the form the nodes compare
/// (<see cref="RevocationList.Normalize"/>: upper-case hex without leading zeros).
/// </summary>
public static class ClusterRevocationTable
{
    /// <summary>
    /// Adds <paramref name="serials"/> with <paramref name="note"/> in one transaction; a serial
    /// already there is kept as it is. Returns how many were new. Throws
    /// <see cref="IngestConfigurationException"/> when <paramref name="options"/> has no usable
    /// cluster section and <see cref="IOException"/> when the database cannot take them (then none
    /// was added).
    /// </summary>
    public static int Add(IngestOptions options, IReadOnlyCollection<string> serials, string note)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serials);
        ClusterOptions cluster = options.Cluster
            ?? throw new IngestConfigurationException("The configuration has no \"cluster\" section: its revocations are the revocationListPath file.");
        using NpgsqlDataSource database = ClusterStoreOpener.OpenDatabase(cluster);
        try
        {
            ClusterSchema.Create(database);
            using NpgsqlConnection connection = database.OpenConnection();
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            int added = 0;
            foreach (string serial in serials.Select(RevocationList.Normalize).Distinct(StringComparer.Ordinal))
            {
                using var command = new NpgsqlCommand(
                    "INSERT INTO revocations (serial, note) VALUES (@s, @n) ON CONFLICT (serial) DO NOTHING", connection, transaction);
                command.Parameters.AddWithValue("s", serial);
                command.Parameters.AddWithValue("n", note);
                added += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return added;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw new IOException("The cluster's revocations table cannot be written: " + e.Message, e);
        }
    }
}

using Npgsql;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Which node moved each upload forward, for tests that must show a node died mid-upload: a
/// trigger on the store's <c>records</c> table, installed by the test in the test's own schema
/// once the nodes have created the table, copies every new row and every change of a row's
/// offset or state, with the application name of the connection that made it
/// (<see cref="ClusterNodes.NodeName"/>), into a table the nodes never read. Rows are numbered in
/// the order they were written; <see cref="Mark"/> adds a numbered row of the test's own.
/// </summary>
public sealed class ProgressLog
{
    private const string Ddl = """
        CREATE TABLE test_progress (
            n            bigserial PRIMARY KEY,
            upload_id    text,
            offset_bytes bigint,
            length_bytes bigint,
            state        text,
            node         text NOT NULL);
        CREATE INDEX test_progress_upload ON test_progress (upload_id, n);
        CREATE FUNCTION test_progress_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO test_progress (upload_id, offset_bytes, length_bytes, state, node)
            VALUES (NEW.upload_id, NEW.offset_bytes, NEW.length_bytes, NEW.state, current_setting('application_name'));
            RETURN NULL;
        END $$;
        CREATE TRIGGER test_progress AFTER INSERT OR UPDATE OF offset_bytes, state ON records
            FOR EACH ROW EXECUTE FUNCTION test_progress_note();
        """;

    private readonly ClusterNodes _nodes;

    private ProgressLog(ClusterNodes nodes)
    {
        _nodes = nodes;
    }

    public static ProgressLog Install(ClusterNodes nodes)
    {
        using NpgsqlDataSource database = nodes.Database();
        using NpgsqlCommand create = database.CreateCommand(Ddl);
        create.ExecuteNonQuery();
        return new ProgressLog(nodes);
    }

    /// <summary>
    /// Waits until at least <paramref name="stored"/> records are stored (by any node) and at least
    /// <paramref name="partlyAcknowledged"/> open uploads were last moved by <paramref name="node"/>
    /// to an offset short of their length: it holds part of them, and the camera is sending it the
    /// rest. False when <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<bool> WaitForAsync(int stored, string node, int partlyAcknowledged, TimeSpan timeout)
    {
        const string Query = """
            SELECT (SELECT count(*) FROM records WHERE state = 'stored') >= @stored
               AND (SELECT count(*) FROM records r
                    JOIN (SELECT DISTINCT ON (upload_id) upload_id, node FROM test_progress
                          WHERE upload_id IS NOT NULL ORDER BY upload_id, n DESC) last ON last.upload_id = r.upload_id
                    WHERE r.state = 'open' AND r.offset_bytes > 0 AND r.offset_bytes < r.length_bytes AND last.node = @node) >= @partly
            """;
        DateTime end = DateTime.UtcNow + timeout;
        await using NpgsqlDataSource database = _nodes.Database();
        while (DateTime.UtcNow < end)
        {
            await using NpgsqlCommand check = database.CreateCommand(Query);
            check.Parameters.AddWithValue("stored", (long)stored);
            check.Parameters.AddWithValue("node", node);
            check.Parameters.AddWithValue("partly", (long)partlyAcknowledged);
            if ((bool)(await check.ExecuteScalarAsync())!)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Adds a row naming <paramref name="what"/> (as its node); returns its number.</summary>
    public long Mark(string what)
    {
        using NpgsqlDataSource database = _nodes.Database();
        using NpgsqlCommand mark = database.CreateCommand("INSERT INTO test_progress (node) VALUES (@what) RETURNING n");
        mark.Parameters.AddWithValue("what", what);
        return (long)mark.ExecuteScalar()!;
    }

    public List<Change> Read()
    {
        using NpgsqlDataSource database = _nodes.Database();
        using NpgsqlCommand select = database.CreateCommand(
            "SELECT n, upload_id, offset_bytes, length_bytes, state, node FROM test_progress WHERE upload_id IS NOT NULL ORDER BY n");
        using NpgsqlDataReader reader = select.ExecuteReader();
        var changes = new List<Change>();
        while (reader.Read())
        {
            changes.Add(new Change(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5)));
        }

        return changes;
    }

    /// <summary>Row <paramref name="N"/>: the upload's offset, length and state after a change made by <paramref name="Node"/>.</summary>
    public sealed record Change(long N, string UploadId, long OffsetBytes, long LengthBytes, string State, string Node);
}

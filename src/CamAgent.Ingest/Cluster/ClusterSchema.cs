using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The cluster store's tables (docs/ingest-cluster.md §2). One row per (device, sequence) in
/// <c>records</c>: its primary key is the sequence registry, so two nodes can never hold two
/// manifests for one sequence. States: open (bytes arriving), decided (receipt issued, objects
/// being written; rolled forward by any node), stored (the receipt object is in S3), gone
/// (terminated or expired: 410, and the sequence may be created again).
/// <c>revocations</c> holds serials only in the one form every node compares
/// (<c>RevocationList.Normalize</c>: upper-case hex without leading zeros): a row written by other
/// means in another form is refused by the constraint <c>revocations_serial_normalised</c>, where it would
/// otherwise never match a certificate and revoke nothing. A table made before the constraint
/// existed gets it here, after each of its rows in another form (lower case, leading zeros,
/// colons or spaces between the bytes) was added again in the compared form; rows that are not
/// hex at all are left as they are (they never matched a serial).
/// </summary>
internal static class ClusterSchema
{
    /// <summary>Advisory lock key (bigint) that serialises schema creation by nodes starting together.</summary>
    public const long SchemaLockKey = 0x43616d4167656e74;

    /// <summary>Advisory lock key that serialises appends to the audit chain across nodes.</summary>
    public const long AuditLockKey = SchemaLockKey + 1;

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS records (
            device_id     text          NOT NULL,
            sequence      numeric(20,0) NOT NULL,
            upload_id     text          NOT NULL UNIQUE,
            manifest      bytea         NOT NULL,
            length_bytes  bigint        NOT NULL,
            offset_bytes  bigint        NOT NULL DEFAULT 0,
            state         text          NOT NULL CHECK (state IN ('open', 'decided', 'stored', 'gone')),
            receipt       bytea,
            last_activity timestamptz   NOT NULL,
            PRIMARY KEY (device_id, sequence));
        CREATE INDEX IF NOT EXISTS records_open ON records (device_id) WHERE state = 'open';
        CREATE TABLE IF NOT EXISTS staged (
            upload_id    text   NOT NULL,
            offset_bytes bigint NOT NULL,
            length_bytes bigint NOT NULL,
            object_key   text   NOT NULL,
            PRIMARY KEY (upload_id, offset_bytes));
        CREATE TABLE IF NOT EXISTS audit (
            n    bigint PRIMARY KEY,
            line bytea  NOT NULL);
        CREATE TABLE IF NOT EXISTS revocations (
            serial     text        PRIMARY KEY,
            revoked_at timestamptz NOT NULL DEFAULT now(),
            note       text);
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_constraint
                           WHERE conname = 'revocations_serial_normalised' AND conrelid = 'revocations'::regclass) THEN
                INSERT INTO revocations (serial, revoked_at, note)
                    SELECT CASE WHEN hex = '' THEN '0' ELSE hex END, revoked_at, note
                    FROM (SELECT ltrim(upper(regexp_replace(serial, '[[:space:]:]', '', 'g')), '0') AS hex, revoked_at, note
                          FROM revocations WHERE serial !~ '^(0|[1-9A-F][0-9A-F]*)$') AS written
                    WHERE hex ~ '^[0-9A-F]*$'
                    ON CONFLICT (serial) DO NOTHING;
                ALTER TABLE revocations ADD CONSTRAINT revocations_serial_normalised
                    CHECK (serial ~ '^(0|[1-9A-F][0-9A-F]*)$') NOT VALID;
            END IF;
        END $$;
        """;

    public static void Create(NpgsqlDataSource database)
    {
        using NpgsqlConnection connection = database.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("k", SchemaLockKey);
            lockCommand.ExecuteNonQuery();
        }

        using (var ddl = new NpgsqlCommand(Ddl, connection, transaction))
        {
            ddl.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}

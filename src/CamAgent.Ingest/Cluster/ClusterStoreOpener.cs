using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Tls;
using CamAgent.Verification;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Opens the cluster store named in the configuration's "cluster" section: connects to
/// PostgreSQL (password from a 0600 file, if any) and creates the tables when missing, creates
/// the buckets when missing (evidence with object lock), and publishes the device-issuing CA
/// under issuers/ in the evidence bucket, as the filesystem store does in its folder.
/// </summary>
internal static class ClusterStoreOpener
{
    public static OpenedStore Open(IngestOptions options, IEvidenceFormat format, TimeProvider time, X509Certificate2Collection deviceCa)
    {
        ClusterOptions cluster = options.Cluster!;
        (string accessKey, string secretKey) = ReadS3Credentials(cluster.S3CredentialsPath);
        NpgsqlDataSource database = OpenDatabase(cluster);
        var objects = new ObjectStore(cluster, accessKey, secretKey);
        try
        {
            ClusterSchema.Create(database);
            objects.EnsureBuckets();
            PublishIssuers(objects, deviceCa);
            var store = new ClusterStore(database, objects, format, time, options.Limits, cluster.PartSizeBytes);
            var audit = new ClusterAuditLog(database, time);
            var revocations = new ClusterRevocations(database, new RevocationWatcher(options.RevocationListPath));
            return new OpenedStore(store, audit, revocations, Describe(cluster));
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            objects.Dispose();
            database.Dispose();
            throw new IOException("The cluster store cannot be opened: " + e.Message, e);
        }
    }

    private static string Describe(ClusterOptions cluster)
    {
        var connection = new NpgsqlConnectionStringBuilder(cluster.Postgres);
        return $"cluster: PostgreSQL {connection.Host}:{connection.Port}/{connection.Database}, S3 {cluster.S3Url} bucket {cluster.EvidenceBucket}";
    }

    internal static NpgsqlDataSource OpenDatabase(ClusterOptions cluster)
    {
        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = new NpgsqlConnectionStringBuilder(cluster.Postgres);
        }
        catch (ArgumentException e)
        {
            throw new IngestConfigurationException($"cluster.postgres is not a valid connection string: {e.Message}", e);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            throw new IngestConfigurationException("cluster.postgres must not carry a password: put it in the file cluster.postgresPasswordPath (chmod 600).");
        }

        var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
        if (!string.IsNullOrWhiteSpace(cluster.PostgresPasswordPath))
        {
            CredentialFiles.RequirePrivate(cluster.PostgresPasswordPath);
            builder.ConnectionStringBuilder.Password = File.ReadAllText(cluster.PostgresPasswordPath).Trim();
        }

        return builder.Build();
    }

    internal static (string AccessKey, string SecretKey) ReadS3Credentials(string path)
    {
        CredentialFiles.RequirePrivate(path);
        string[] lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return lines.Length == 2
            ? (lines[0], lines[1])
            : throw new IngestConfigurationException($"The S3 credentials file '{path}' must have two lines: the access key id, then the secret key.");
    }

    private static void PublishIssuers(ObjectStore objects, X509Certificate2Collection deviceCa)
    {
        foreach (X509Certificate2 certificate in deviceCa)
        {
            if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            {
                continue;
            }

            string name = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)) + EvidenceStore.IssuerFileSuffix;
            byte[] pem = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n");
            if (!objects.EvidenceExistsAsync(ObjectKeys.Issuer(name), pem.Length).GetAwaiter().GetResult())
            {
                objects.PutEvidenceAsync(ObjectKeys.Issuer(name), pem).GetAwaiter().GetResult();
            }
        }
    }
}

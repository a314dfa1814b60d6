namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The "cluster" section of the configuration (docs/ingest-cluster.md §3): PostgreSQL for upload
/// state, the sequence registry, revocations and the audit chain; S3 for segments, manifests and
/// receipts under object lock. Secrets (the S3 secret key, a database password) are read from
/// files with mode 0600, never from this file or the command line.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>S3's smallest multipart part (except the last): staged bytes are rolled up into parts at least this large.</summary>
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// <summary>Npgsql connection string without a password, e.g. "Host=db.agency;Port=5432;Database=camagent;Username=camagent".</summary>
    public string Postgres { get; set; } = "";

    /// <summary>File holding the database password (one line); empty when the server authenticates otherwise.</summary>
    public string PostgresPasswordPath { get; set; } = "";

    /// <summary>The S3 endpoint, e.g. "https://s3.agency.example".</summary>
    public string S3Url { get; set; } = "";

    /// <summary>Region name used in request signatures; most on-premises S3 servers accept any.</summary>
    public string S3Region { get; set; } = "us-east-1";

    /// <summary>File with two lines: the S3 access key id and the secret key (mode 0600).</summary>
    public string S3CredentialsPath { get; set; } = "";

    /// <summary>Bucket for evidence (created with object lock if missing): devices/…, issuers/….</summary>
    public string EvidenceBucket { get; set; } = "camagent-evidence";

    /// <summary>Bucket for bytes of unfinished uploads (no object lock: staged pieces are deleted once their record is stored).</summary>
    public string StagingBucket { get; set; } = "camagent-staging";

    /// <summary>"compliance" (nobody can shorten or delete before the date) or "governance" (holders of the bypass permission can).</summary>
    public string RetentionMode { get; set; } = "compliance";

    /// <summary>Days every evidence object is retained from its write.</summary>
    public int RetentionDays { get; set; } = 2557;

    /// <summary>Staged pieces are rolled up into one staging part once they reach this many bytes (at least 5 MiB).</summary>
    public long PartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Throws <see cref="IngestConfigurationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(Postgres, "cluster.postgres");
        Require(S3Url, "cluster.s3Url");
        Require(S3CredentialsPath, "cluster.s3CredentialsPath");
        Require(EvidenceBucket, "cluster.evidenceBucket");
        Require(StagingBucket, "cluster.stagingBucket");
        if (!Uri.TryCreate(S3Url, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new IngestConfigurationException($"cluster.s3Url '{S3Url}' is not an http(s) URL.");
        }

        if (EvidenceBucket == StagingBucket)
        {
            throw new IngestConfigurationException("cluster.evidenceBucket and cluster.stagingBucket must differ: staged bytes are deleted, evidence never.");
        }

        if (RetentionMode is not ("compliance" or "governance"))
        {
            throw new IngestConfigurationException($"cluster.retentionMode '{RetentionMode}' must be 'compliance' or 'governance'.");
        }

        if (RetentionDays < 1 || PartSizeBytes < MinPartSizeBytes)
        {
            throw new IngestConfigurationException("cluster.retentionDays must be at least 1 and cluster.partSizeBytes at least 5242880 (S3's smallest part).");
        }
    }

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new IngestConfigurationException($"{name} is required.");
        }
    }
}

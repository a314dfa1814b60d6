using Amazon.S3.Model;
using CamAgent.Verification;
using CamAgent.Verification.Audit;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Writes a cluster store out as a filesystem store folder for offline verification
/// (`camagent store export`): the current version of every object under devices/ and issuers/
/// in the evidence bucket, and the audit chain's rows as audit.log. `camagent verify` and
/// `camagent audit verify` then read the folder as they read any store. Only object names of
/// the store's layout are written; a name with a path segment that could leave the folder is refused.
/// </summary>
public static class ClusterExport
{
    /// <summary>Exports into <paramref name="folder"/> (created; must be empty or absent). Returns the number of objects written.</summary>
    public static int Run(IngestOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterOptions cluster = options.Cluster ?? throw new IngestConfigurationException("The configuration has no \"cluster\" section: a filesystem store is already a folder.");
        cluster.Validate();
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IngestConfigurationException($"The export folder '{folder}' is not empty.");
        }

        Directory.CreateDirectory(folder);
        (string accessKey, string secretKey) = ClusterStoreOpener.ReadS3Credentials(cluster.S3CredentialsPath);
        using NpgsqlDataSource database = ClusterStoreOpener.OpenDatabase(cluster);
        using var objects = new ObjectStore(cluster, accessKey, secretKey);
        try
        {
            int count = CopyObjects(objects, EvidenceStore.DevicesFolder + "/", folder) + CopyObjects(objects, EvidenceStore.IssuersFolder + "/", folder);
            WriteAuditLog(database, Path.Combine(folder, AuditLogFormat.FileName));
            return count;
        }
        catch (Exception e) when (StorageFailure.Is(e) && e is not IOException)
        {
            throw new IOException("The cluster store cannot be read: " + e.Message, e);
        }
    }

    private static int CopyObjects(ObjectStore objects, string prefix, string folder)
    {
        int count = 0;
        var request = new ListObjectsV2Request { BucketName = objects.Evidence, Prefix = prefix };
        ListObjectsV2Response list;
        do
        {
            list = objects.Client.ListObjectsV2Async(request).GetAwaiter().GetResult();
            foreach (S3Object item in list.S3Objects ?? new List<S3Object>())
            {
                string[] parts = item.Key.Split('/');
                if (parts.Any(p => p.Length == 0 || p == "." || p == ".."))
                {
                    throw new IOException($"The object name '{item.Key}' is not one of the store's layout.");
                }

                string path = Path.Combine(folder, Path.Combine(parts));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, objects.ReadAsync(objects.Evidence, item.Key).GetAwaiter().GetResult());
                count++;
            }

            request.ContinuationToken = list.NextContinuationToken;
        }
        while (list.IsTruncated == true);
        return count;
    }

    private static void WriteAuditLog(NpgsqlDataSource database, string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using NpgsqlConnection connection = database.OpenConnection();
        using var command = new NpgsqlCommand("SELECT line FROM audit ORDER BY n", connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            file.Write((byte[])reader[0]);
            file.WriteByte((byte)'\n');
        }

        file.Flush(flushToDisk: true);
    }
}

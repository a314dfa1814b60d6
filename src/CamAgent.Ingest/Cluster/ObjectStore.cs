using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The S3 side of the cluster store: staged bytes in the staging bucket, evidence in the
/// evidence bucket under object lock. Two facts of S3 servers shape it (docs/ingest-cluster.md §2):
/// retention is set with PutObjectRetention on the written version, because some servers ignore
/// lock headers on CreateMultipartUpload; and checksums are only sent when an operation requires
/// them, because AWSSDK.S3 4.x's default trailing checksums fail on such servers
/// (XAmzContentSHA256Mismatch). Failures surface as <see cref="AmazonServiceException"/> or
/// <see cref="AmazonClientException"/>; the store turns them into IOException.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly ClusterOptions _options;

    public ObjectStore(ClusterOptions options, string accessKeyId, string secretKey)
    {
        _options = options;
        var config = new AmazonS3Config
        {
            ServiceURL = options.S3Url,
            AuthenticationRegion = options.S3Region,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        _s3 = new AmazonS3Client(new BasicAWSCredentials(accessKeyId, secretKey), config);
    }

    public IAmazonS3 Client => _s3;

    public string Evidence => _options.EvidenceBucket;

    public string Staging => _options.StagingBucket;

    /// <summary>Creates the buckets when missing: evidence with object lock (hence versioning), staging without.</summary>
    public void EnsureBuckets()
    {
        CreateIfMissing(Evidence, objectLock: true);
        CreateIfMissing(Staging, objectLock: false);
    }

    public async Task PutStagedAsync(string key, byte[] buffer, int count)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Staging, Key = key, InputStream = body, AutoCloseStream = false }).ConfigureAwait(false);
    }

    public async Task<byte[]> ReadAsync(string bucket, string key)
    {
        using GetObjectResponse response = await _s3.GetObjectAsync(bucket, key).ConfigureAwait(false);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy).ConfigureAwait(false);
        return copy.ToArray();
    }

    public Task DeleteStagedAsync(string key) => _s3.DeleteObjectAsync(Staging, key);

    /// <summary>Deletes every staged object of an upload, including pieces a node wrote before it died.</summary>
    public async Task DeleteStagedPrefixAsync(string prefix)
    {
        ListObjectsV2Response list;
        var request = new ListObjectsV2Request { BucketName = Staging, Prefix = prefix };
        do
        {
            list = await _s3.ListObjectsV2Async(request).ConfigureAwait(false);
            foreach (S3Object item in list.S3Objects ?? new List<S3Object>())
            {
                await _s3.DeleteObjectAsync(Staging, item.Key).ConfigureAwait(false);
            }

            request.ContinuationToken = list.NextContinuationToken;
        }
        while (list.IsTruncated == true);
    }

    /// <summary>Writes a small evidence object (manifest, receipt, issuer) and locks the written version.</summary>
    public async Task PutEvidenceAsync(string key, byte[] bytes)
    {
        using var body = new MemoryStream(bytes, writable: false);
        PutObjectResponse put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Evidence, Key = key, InputStream = body, AutoCloseStream = false }).ConfigureAwait(false);
        await LockAsync(key, put.VersionId).ConfigureAwait(false);
    }

    /// <summary>True when the evidence bucket already holds <paramref name="key"/> with <paramref name="length"/> bytes (a roll-forward after a node died).</summary>
    public async Task<bool> EvidenceExistsAsync(string key, long length)
    {
        try
        {
            GetObjectMetadataResponse head = await _s3.GetObjectMetadataAsync(Evidence, key).ConfigureAwait(false);
            return head.ContentLength == length;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Sets the configured retention on one version of an evidence object (PutObjectRetention).</summary>
    public Task LockAsync(string key, string? versionId)
    {
        return _s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = Evidence,
            Key = key,
            VersionId = versionId,
            Retention = new ObjectLockRetention
            {
                Mode = _options.RetentionMode == "governance" ? ObjectLockRetentionMode.Governance : ObjectLockRetentionMode.Compliance,
                RetainUntilDate = DateTime.UtcNow.AddDays(_options.RetentionDays),
            },
        });
    }

    public void Dispose() => _s3.Dispose();

    private void CreateIfMissing(string bucket, bool objectLock)
    {
        try
        {
            _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = objectLock }).GetAwaiter().GetResult();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another node (or an earlier start) made it.
        }
    }
}

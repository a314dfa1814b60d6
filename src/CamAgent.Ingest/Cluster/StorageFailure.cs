using Amazon.Runtime;
using Npgsql;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// The boundary where PostgreSQL and S3 failures become the ingest server's storage failure
/// (<see cref="IOException"/>: 503 storage-unavailable with Retry-After, never 500). What was
/// acknowledged before is in PostgreSQL and S3 already and stays valid.
/// </summary>
internal static class StorageFailure
{
    public static bool Is(Exception e) =>
        e is NpgsqlException or AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException;

    public static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Is(e) && e is not IOException)
        {
            throw new IOException("The cluster store is unavailable: " + e.Message, e);
        }
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (Is(e) && e is not IOException)
        {
            throw new IOException("The cluster store is unavailable: " + e.Message, e);
        }
    }
}

using Amazon.Runtime;
using Amazon.S3;
using CamAgent.Ingest.Cluster;
using Npgsql;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Two `camagent serve` processes on one cluster store of their own (a PostgreSQL schema and two
/// buckets named after the test), with one agency PKI and receipt key.
/// </summary>
public sealed class ClusterNodes : IDisposable
{
    private readonly ServerProcess?[] _servers;

    private ClusterNodes(TestPki pki, ClusterOptions cluster, int[] ports, string[] configs, ServerProcess?[] servers)
    {
        Pki = pki;
        Cluster = cluster;
        Ports = ports;
        ConfigPaths = configs;
        _servers = servers;
    }

    public TestPki Pki { get; }

    public ClusterOptions Cluster { get; }

    public int[] Ports { get; }

    public string[] ConfigPaths { get; }

    public static ClusterNodes Start(TestCluster testCluster, TempDirectory temp, string name)
    {
        string store = "t" + Guid.NewGuid().ToString("N")[..10] + name;
        var pki = new TestPki();
        ClusterOptions cluster = testCluster.OptionsFor(store, temp.Combine("config"));
        CreateSchema(cluster, store);
        int[] ports = [ServerProcess.FreePort(), ServerProcess.FreePort()];
        string[] configs = new string[2];
        for (int i = 0; i < 2; i++)
        {
            IngestOptions options = pki.WriteServerFiles(temp.Combine("config"), temp.Combine("unused-store"));
            options.Port = ports[i];
            options.Cluster = cluster;
            options.Limits.MaxPendingHandshakesPerAddress = 10_000;
            options.Limits.MaxConnections = 10_000;
            configs[i] = ServerProcess.WriteConfig(options, temp.Combine("config", $"node{i}.json"));
        }

        var servers = new ServerProcess?[] { ServerProcess.Start(configs[0]), ServerProcess.Start(configs[1]) };
        return new ClusterNodes(pki, cluster, ports, configs, servers);
    }

    /// <summary>Waits until <paramref name="stored"/> records are stored (any node), then SIGKILLs the first node.</summary>
    public async Task KillFirstAfterStoredAsync(int stored, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        await using var database = NpgsqlDataSource.Create(Cluster.Postgres);
        while (DateTime.UtcNow < end)
        {
            await using NpgsqlCommand count = database.CreateCommand("SELECT count(*) FROM records WHERE state = 'stored'");
            if ((long)(await count.ExecuteScalarAsync())! >= stored)
            {
                break;
            }

            await Task.Delay(50);
        }

        _servers[0]!.Kill();
    }

    public AmazonS3Client S3Client()
    {
        string[] credentials = File.ReadAllLines(Cluster.S3CredentialsPath);
        return new AmazonS3Client(new BasicAWSCredentials(credentials[0], credentials[1]), new AmazonS3Config
        {
            ServiceURL = Cluster.S3Url,
            AuthenticationRegion = Cluster.S3Region,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public void Dispose()
    {
        foreach (ServerProcess? server in _servers)
        {
            server?.Dispose();
        }
    }

    private static void CreateSchema(ClusterOptions cluster, string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(cluster.Postgres) { SearchPath = null };
        using var database = NpgsqlDataSource.Create(builder.ConnectionString);
        using NpgsqlCommand create = database.CreateCommand($"CREATE SCHEMA \"{schema}\"");
        create.ExecuteNonQuery();
    }
}

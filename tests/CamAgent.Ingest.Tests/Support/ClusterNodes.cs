using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using CamAgent.Ingest.Cluster;
using Npgsql;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// Two `camagent serve` processes on one cluster store of their own (a PostgreSQL schema and two
/// buckets named after the test), with one agency PKI and receipt key. Each node's database
/// connections carry its <see cref="NodeName"/> as their application name.
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

    /// <summary>The application name of node <paramref name="node"/>'s database connections (0 or 1).</summary>
    public static string NodeName(int node) => "camagent-node" + node.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts both nodes. <see cref="Cluster"/> reaches PostgreSQL directly; the nodes reach it on
    /// <paramref name="databasePort"/> when given (a <see cref="TcpBalancer"/> in front of it that
    /// the test can cut).
    /// </summary>
    public static ClusterNodes Start(TestCluster testCluster, TempDirectory temp, string name, int? databasePort = null)
    {
        string store = "t" + Guid.NewGuid().ToString("N")[..10] + name;
        var pki = new TestPki();
        ClusterOptions cluster = testCluster.OptionsFor(store, temp.Combine("config"));
        int[] ports = [ServerProcess.FreePort(), ServerProcess.FreePort()];
        string[] configs = new string[2];
        for (int i = 0; i < 2; i++)
        {
            IngestOptions options = pki.WriteServerFiles(temp.Combine("config"), temp.Combine("unused-store"));
            options.Port = ports[i];
            options.Cluster = ForNode(cluster, i, databasePort);
            options.Limits.MaxPendingHandshakesPerAddress = 10_000;
            options.Limits.MaxConnections = 10_000;
            configs[i] = ServerProcess.WriteConfig(options, temp.Combine("config", $"node{i}.json"));
        }

        var servers = new ServerProcess?[] { ServerProcess.Start(configs[0]), ServerProcess.Start(configs[1]) };
        return new ClusterNodes(pki, cluster, ports, configs, servers);
    }

    /// <summary>SIGKILLs the first node and returns once it is gone.</summary>
    public void KillFirst() => _servers[0]!.Kill();

    /// <summary>A data source on the store's schema, reaching PostgreSQL directly.</summary>
    public NpgsqlDataSource Database() => NpgsqlDataSource.Create(Cluster.Postgres);

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

    private static ClusterOptions ForNode(ClusterOptions shared, int node, int? databasePort)
    {
        ClusterOptions own = JsonSerializer.Deserialize<ClusterOptions>(JsonSerializer.Serialize(shared))!;
        var connection = new NpgsqlConnectionStringBuilder(shared.Postgres) { ApplicationName = NodeName(node) };
        if (databasePort is int port)
        {
            connection.Port = port;
        }

        own.Postgres = connection.ConnectionString;
        return own;
    }
}

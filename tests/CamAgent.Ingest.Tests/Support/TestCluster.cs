using System.Diagnostics;
using CamAgent.Tests.Support;
using CamAgent.Ingest.Cluster;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL and one-node Ceph (S3 gateway), started by the repository's
/// tools/cluster/start-test-cluster.sh for one test class and stopped after it. A missing
/// package or privilege makes the start throw with the script's reason: the tests fail, never skip.
/// </summary>
public sealed class TestCluster : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "camagent-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public TestCluster()
    {
        Run("start-test-cluster.sh", TimeSpan.FromMinutes(2));
        Settings = File.ReadAllLines(Path.Combine(_folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Options for a store of its own (buckets and database schema named by <paramref name="name"/>), credentials in a 0600 file under <paramref name="configFolder"/>.</summary>
    public ClusterOptions OptionsFor(string name, string configFolder, string retentionMode = "compliance")
    {
        Directory.CreateDirectory(configFolder);
        string credentials = Path.Combine(configFolder, "s3-credentials");
        File.WriteAllText(credentials, Settings["S3_ACCESS_KEY"] + "\n" + Settings["S3_SECRET_KEY"] + "\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new ClusterOptions
        {
            Postgres = $"Host=127.0.0.1;Port={Settings["PG_PORT"]};Database={Settings["PG_DATABASE"]};Username={Settings["PG_USER"]};Search Path={name};Maximum Pool Size=60",
            S3Url = Settings["S3_URL"],
            S3CredentialsPath = credentials,
            EvidenceBucket = name + "-evidence",
            StagingBucket = name + "-staging",
            RetentionMode = retentionMode,
            RetentionDays = 1,
        };
    }

    public void Dispose() => Run("stop-test-cluster.sh", TimeSpan.FromMinutes(1));

    private void Run(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tools", "cluster", script));
        start.ArgumentList.Add(_folder);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed (exit {process.ExitCode}): {error.Result.Trim()} {output.Result.Trim()}");
        }
    }
}

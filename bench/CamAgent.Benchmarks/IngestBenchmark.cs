using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CamAgent.Benchmarks.Ingest;
using CamAgent.Core.Upload;

namespace CamAgent.Benchmarks;

/// <summary>
/// N simulated cameras (default 200; CAMAGENT_BENCH_CAMERAS) upload sealed segments (default
/// 256 KiB; CAMAGENT_BENCH_SEGMENT_BYTES) at the same time, over mutual TLS on loopback, to
/// `camagent serve` running as its own process. Every camera is the device's own code: Core's
/// sealer and tus client over the host TLS connector with its own certificate, one thread each,
/// checking its receipt. PATCHes are one 16 KiB chunk by default (CAMAGENT_BENCH_PATCH_BYTES), so
/// the PATCH latency is the chunk latency: first byte written to durable acknowledgement. The
/// cameras upload in rounds, one segment each per round, the next of their own chain, as docked
/// cameras work through their backlog: warm-up rounds first (not measured), then measured rounds.
/// "ingest-fs" runs the filesystem store with one fsync per PATCH, then with group commit and a
/// plain mutual-TLS upload of the same bytes with the same client code
/// (<see cref="PlainUploadBaseline"/>) in alternating pairs (CAMAGENT_BENCH_PAIRS, default 3),
/// and reports the median ratio (the runs' stores are deleted at the end, <see cref="StoreCleanup"/>); "ingest-cluster" runs one node on the
/// cluster store (a throw-away PostgreSQL and one-node Ceph started by
/// tools/cluster/start-test-cluster.sh). Each prints throughput, latency percentiles, the
/// server's peak resident memory, retries and errors (target 0).
/// </summary>
public static class IngestBenchmark
{
    public static void Run(TextWriter output)
    {
        try
        {
            RunFileStore(output);
        }
        finally
        {
            StoreCleanup.DeleteAll();
        }
    }

    private static void RunFileStore(TextWriter output)
    {
        double perPatch = RunOnce(output, "filesystem store, one fsync per PATCH", groupCommit: false, null, WarmUpRounds, MeasuredRounds);

        // The ratio to the plain upload is what the group commit is judged by, and one run of
        // either varies by a tenth from run to run on a shared two-core machine: the two are
        // measured in alternating pairs and the median pair is the figure.
        int pairs = Setting("CAMAGENT_BENCH_PAIRS", 3);
        var ratios = new List<double>();
        var grouped = new List<double>();
        for (int pair = 1; pair <= pairs; pair++)
        {
            string of = pairs > 1 ? $" (pair {pair} of {pairs})" : "";
            double ingest = RunOnce(output, "filesystem store, group commit" + of, groupCommit: true, null, WarmUpRounds, MeasuredRounds);
            double plain = PlainUploadBaseline.Run(new IngestBenchPki(), Setting("CAMAGENT_BENCH_CAMERAS", 200), Setting("CAMAGENT_BENCH_SEGMENT_BYTES", 256 * 1024), Setting("CAMAGENT_BENCH_PATCH_BYTES", UploadLimits.DefaultChunkSizeBytes), out int plainErrors, out string plainCpu);
            output.WriteLine($"ingest: plain mutual-TLS upload of the same bytes to Kestrel (append + group commit, no verification){of}: {plain:F1} MiB/s, errors {plainErrors}, server processor time {plainCpu}");
            output.WriteLine($"ingest: ingest server (group commit) vs plain upload{of}: throughput ratio {ingest / plain:F2}");
            ratios.Add(ingest / plain);
            grouped.Add(ingest);
        }

        output.WriteLine();
        output.WriteLine($"ingest: group commit vs one fsync per PATCH: throughput x{Median(grouped) / perPatch:F2} (median group commit run)");
        output.WriteLine($"ingest: ingest server (group commit) vs plain upload: throughput ratio {Median(ratios):F2}, median of {pairs} pair(s) (range {ratios.Min():F2}-{ratios.Max():F2}; goal >= 0.8)");
    }

    /// <summary>The same fleet against one node on the cluster store.</summary>
    public static void RunCluster(TextWriter output)
    {
        using var cluster = new CamAgent.Ingest.Tests.Support.TestCluster();
        string config = Directory.CreateTempSubdirectory("camagent-bench-cluster-").FullName;
        try
        {
            // One round each: a one-node Ceph sharing the two cores takes minutes per round.
            RunOnce(output, "cluster store (PostgreSQL + S3 with object lock, one node)", groupCommit: true, cluster.OptionsFor("bench", config), Setting("CAMAGENT_BENCH_WARMUP_ROUNDS", 1), Setting("CAMAGENT_BENCH_ROUNDS", 1));
        }
        finally
        {
            Directory.Delete(config, recursive: true);
            StoreCleanup.DeleteAll();
        }
    }

    /// <summary>Unmeasured rounds before the measured ones, the plain baseline's too (CAMAGENT_BENCH_WARMUP_ROUNDS, default 3; the cluster run: 1).</summary>
    internal static int WarmUpRounds => Setting("CAMAGENT_BENCH_WARMUP_ROUNDS", 3);

    /// <summary>
    /// Measured rounds (every camera uploads one segment in each); the figures are over all of
    /// them (CAMAGENT_BENCH_ROUNDS, default 10: a round of 200 cameras takes under a second, and
    /// three were too few to steady the figures; the cluster run: 1).
    /// </summary>
    internal static int MeasuredRounds => Setting("CAMAGENT_BENCH_ROUNDS", 10);

    // Returns the throughput in MiB/s.
    private static double RunOnce(TextWriter output, string label, bool groupCommit, CamAgent.Ingest.Cluster.ClusterOptions? cluster, int warmUpRounds, int measuredRounds)
    {
        int cameras = Setting("CAMAGENT_BENCH_CAMERAS", 200);
        int segmentBytes = Setting("CAMAGENT_BENCH_SEGMENT_BYTES", 256 * 1024);
        int patchBytes = Setting("CAMAGENT_BENCH_PATCH_BYTES", UploadLimits.DefaultChunkSizeBytes);
        var pki = new IngestBenchPki();
        using BenchIngestServer server = BenchIngestServer.Start(pki, groupCommit, cluster);
        var options = new TusClientOptions { PatchSizeBytes = patchBytes };

        BenchCamera[] fleet = Enumerable.Range(0, cameras).Select(i => new BenchCamera(server, pki.IssueDevice($"bench-{i:D4}"), options)).ToArray();

        // Warm-up, not measured: every camera uploads segments first, so the figures are the
        // server's steady state and not the just-in-time compilation of its first requests
        // (the runtime compiles hot methods again, optimised, in the background: two rounds
        // still spent a fifth of the server's processor time in the compiler).
        var warmUp = new ConcurrentBag<string>();
        for (int round = 0; round < warmUpRounds; round++)
        {
            Upload(Seal(fleet, segmentBytes), new ConcurrentBag<double>(), warmUp);
        }

        if (!warmUp.IsEmpty)
        {
            throw new InvalidOperationException("the warm-up failed: " + warmUp.First());
        }

        // Measured: each round every camera uploads the next segment of its chain, as a docked
        // camera works through its backlog; sealing happens between rounds and is not timed.
        var latenciesMs = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        int retriesBefore = fleet.Sum(c => c.Retries);
        double seconds = 0;
        double serverCpu = 0;
        for (int round = 0; round < measuredRounds; round++)
        {
            List<(BenchCamera Camera, long Sequence, byte[] Manifest, byte[] Content)> sealedRound = Seal(fleet, segmentBytes);
            double cpuBefore = server.CpuSeconds();
            seconds += Upload(sealedRound, latenciesMs, failures);
            serverCpu += server.CpuSeconds() - cpuBefore;
        }

        int retries = fleet.Sum(c => c.Retries) - retriesBefore;
        string peak = server.PeakResident();
        double[] sorted = latenciesMs.Order().ToArray();
        double megabytes = (double)measuredRounds * cameras * segmentBytes / (1024 * 1024);
        output.WriteLine();
        output.WriteLine($"ingest: {label}: {cameras} cameras x {segmentBytes / 1024} KiB over mutual TLS, Core tus client, {patchBytes / 1024} KiB PATCHes, {measuredRounds} measured round(s) after {warmUpRounds} warm-up");
        output.WriteLine($"ingest:   throughput {megabytes / seconds:F1} MiB/s ({megabytes:F0} MiB in {seconds:F1} s, {sorted.Length} PATCHes)");
        output.WriteLine($"ingest:   PATCH latency p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted.LastOrDefault():F1} ms");
        output.WriteLine($"ingest:   server peak resident memory {peak}, processor time {Ingest.ProcessCpu.Describe(serverCpu, seconds, megabytes)}");
        output.WriteLine($"ingest:   retries {retries}, errors {failures.Count} (receipts verified: {measuredRounds * cameras - failures.Count})");
        foreach (string failure in failures.Take(5))
        {
            output.WriteLine($"ingest:   error {failure}");
        }

        return megabytes / seconds;
    }

    // The next segment of every camera's chain, sealed.
    private static List<(BenchCamera Camera, long Sequence, byte[] Manifest, byte[] Content)> Seal(BenchCamera[] fleet, int segmentBytes)
    {
        return fleet.Select(camera =>
        {
            byte[] content = RandomNumberGenerator.GetBytes(segmentBytes);
            (long sequence, byte[] manifest) = camera.Seal(content);
            return (Camera: camera, Sequence: sequence, Manifest: manifest, Content: content);
        }).ToList();
    }

    // Every camera on its own thread, all released at once; returns the seconds until the last one finished.
    private static double Upload(List<(BenchCamera Camera, long Sequence, byte[] Manifest, byte[] Content)> fleet, ConcurrentBag<double> latenciesMs, ConcurrentBag<string> failures)
    {
        return AllAtOnce(fleet.Select(c => (Action)(() =>
        {
            UploadStatus status = c.Camera.Upload(c.Sequence, c.Manifest, c.Content, latenciesMs.Add);
            c.Camera.Close();
            if (status != UploadStatus.Completed)
            {
                failures.Add($"{c.Camera.DeviceId}: {status} {c.Camera.Describe()}");
            }
        })));
    }

    /// <summary>
    /// Runs every client on its own thread, all released at once, and returns the seconds until
    /// the last one finished. Threads, not the thread pool: the pool would ramp up too slowly for
    /// 200 blocking clients and measure its own injection rate.
    /// </summary>
    internal static double AllAtOnce(IEnumerable<Action> clients)
    {
        using var start = new ManualResetEventSlim();
        var threads = clients.Select(client => new Thread(() =>
        {
            start.Wait();
            client();
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        var clock = Stopwatch.StartNew();
        start.Set();
        threads.ForEach(t => t.Join());
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Setting(string name, int fallback)
    {
        return int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
    }
}

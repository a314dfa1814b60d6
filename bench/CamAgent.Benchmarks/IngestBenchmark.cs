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
/// cameras upload in rounds, each camera the next segment(s) of its own chain on one connection,
/// as docked cameras work through their backlog: warm-up rounds first (not measured), then
/// measured rounds. The comparison with the plain upload runs with one segment per connection
/// and again with four (CAMAGENT_BENCH_BACKLOG, <see cref="Backlogs"/>).
/// "ingest-fs" runs the filesystem store with one fsync per PATCH, then the store with group
/// commit against a plain mutual-TLS upload of the same bytes with the same client code
/// (<see cref="PlainUploadBaseline"/>): both servers run side by side and their rounds alternate,
/// so that what slows the shared machine for a while slows both; the rounds are reported in
/// blocks (CAMAGENT_BENCH_PAIRS, default 3) with each block's ratio, and the ratio over all of
/// them (the runs' stores are deleted at the end, <see cref="StoreCleanup"/>), and beside each
/// ratio what the evidence format's cryptography alone costs per record (<see cref="RecordCryptoCost"/>)
/// and the ratio the plain run's processor time would allow with only that added; "ingest-cluster"
/// runs one node on the cluster store (a throw-away PostgreSQL and one-node Ceph started by
/// tools/cluster/start-test-cluster.sh). Each prints throughput, latency percentiles, the
/// server's peak resident memory and processor time, retries and errors (target 0).
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
        // Measured first, while no server runs.
        RecordCryptoCost.Figures cost = RecordCryptoCost.Measure(SegmentBytes, PatchBytes);
        double perPatch = RunOnce(output, "filesystem store, one fsync per PATCH", groupCommit: false, null, WarmUpRounds, MeasuredRounds);
        foreach (int backlog in Backlogs)
        {
            CompareWithPlain(output, backlog == 1 ? perPatch : null, backlog, cost);
        }
    }

    // Group commit against the plain upload. A single run of either varies by up to a tenth from
    // run to run on a shared two-core machine, and runs made a minute apart differ more than the
    // two servers do: the two run side by side and take turns round by round (which goes first
    // alternates too), and the ratio is over the same stretch of time.
    // With a backlog of several segments per connection the rounds are as many times longer:
    // warm-up and measured rounds are divided by it, so each block carries about the same bytes.
    private static void CompareWithPlain(TextWriter output, double? perPatch, int backlog, RecordCryptoCost.Figures cost)
    {
        int warmUpRounds = Math.Max(1, (WarmUpRounds + backlog - 1) / backlog);
        int measuredRounds = Math.Max(1, (MeasuredRounds + backlog - 1) / backlog);
        int cameras = Cameras;
        int segmentBytes = SegmentBytes;
        int patchBytes = PatchBytes;
        int blocks = Setting("CAMAGENT_BENCH_PAIRS", 3);
        var pki = new IngestBenchPki();
        using Fleet ingest = Fleet.Start(pki, groupCommit: true, null, cameras, patchBytes);
        using PlainUploadServer plain = PlainUploadBaseline.Start(pki);
        byte[] body = RandomNumberGenerator.GetBytes(patchBytes);
        int requests = backlog * segmentBytes / patchBytes;

        var warmUp = new Tally();
        for (int round = 0; round < warmUpRounds; round++)
        {
            ingest.Round(segmentBytes, backlog, warmUp);
            plain.Round(cameras, body, requests, warmUp.Failures);
        }

        if (!warmUp.Failures.IsEmpty)
        {
            throw new InvalidOperationException("the warm-up failed: " + warmUp.Failures.First());
        }

        var ingestAll = new Tally();
        var plainAll = new Tally();
        int retriesBefore = ingest.Retries;
        var ratios = new List<double>();
        double mebibytesPerRound = (double)cameras * backlog * segmentBytes / (1024 * 1024);
        for (int block = 1; block <= blocks; block++)
        {
            var ingestBlock = new Tally();
            var plainBlock = new Tally();
            for (int round = 0; round < measuredRounds; round++)
            {
                if (round % 2 == 0)
                {
                    ingest.Round(segmentBytes, backlog, ingestBlock);
                    PlainRound(plain, cameras, body, requests, mebibytesPerRound, plainBlock);
                }
                else
                {
                    PlainRound(plain, cameras, body, requests, mebibytesPerRound, plainBlock);
                    ingest.Round(segmentBytes, backlog, ingestBlock);
                }
            }

            double ratio = ingestBlock.MebibytesPerSecond / plainBlock.MebibytesPerSecond;
            ratios.Add(ratio);
            output.WriteLine($"ingest: block {block} of {blocks} ({measuredRounds} rounds each, alternating): group commit {ingestBlock.MebibytesPerSecond:F1} MiB/s, plain {plainBlock.MebibytesPerSecond:F1} MiB/s, ratio {ratio:F2}");
            ingestAll.Add(ingestBlock);
            plainAll.Add(plainBlock);
        }

        int rounds = blocks * measuredRounds;
        Report(output, "filesystem store, group commit", backlog, rounds, warmUpRounds, ingestAll, ingest.Retries - retriesBefore, ingest.Server.PeakResident());
        output.WriteLine();
        output.WriteLine($"ingest: plain mutual-TLS upload of the same bytes to Kestrel (append + group commit, no verification, {Connections(backlog)}), {rounds} rounds taking turns with the ingest server's:");
        output.WriteLine($"ingest:   throughput {plainAll.MebibytesPerSecond:F1} MiB/s ({plainAll.Mebibytes:F0} MiB in {plainAll.Seconds:F1} s), errors {plainAll.Failures.Count}, server processor time {ProcessCpu.Describe(plainAll.CpuSeconds, plainAll.Seconds, plainAll.Mebibytes)}; the clients' {ProcessCpu.Describe(plainAll.CamerasCpuSeconds, plainAll.Seconds, plainAll.Mebibytes)}");
        output.WriteLine();
        if (perPatch is not null)
        {
            output.WriteLine($"ingest: group commit vs one fsync per PATCH: throughput x{ingestAll.MebibytesPerSecond / perPatch.Value:F2}");
        }

        output.WriteLine($"ingest: ingest server (group commit) vs plain upload, {Connections(backlog)}: throughput ratio {ingestAll.MebibytesPerSecond / plainAll.MebibytesPerSecond:F2} over all {rounds} rounds (blocks {ratios.Min():F2}-{ratios.Max():F2}, median {Median(ratios):F2}; goal >= 0.8)");
        ReportFormatCost(output, cost, segmentBytes, (plainAll.CpuSeconds + plainAll.CamerasCpuSeconds) * 1000 / plainAll.Mebibytes);
    }

    // The evidence format's own cryptography per record, and the ratio the plain run's processor
    // time would allow with only that added (both sides share this machine's cores).
    private static void ReportFormatCost(TextWriter output, RecordCryptoCost.Figures cost, int segmentBytes, double plainMsPerMebibyte)
    {
        double recordsPerMebibyte = 1024.0 * 1024 / segmentBytes;
        double serverMs = cost.ServerUs * recordsPerMebibyte / 1000;
        double cameraMs = cost.CameraCheckUs * recordsPerMebibyte / 1000;
        output.WriteLine($"ingest:   the evidence format's own cryptography per {segmentBytes / 1024} KiB record, measured alone: server {cost.ServerUs:F0} us (content digest {cost.DigestUs:F0}, manifest check {cost.ManifestUs:F0}, receipt {cost.ReceiptUs:F0}) = {serverMs:F2} ms per MiB; the camera's receipt check {cost.CameraCheckUs:F0} us = {cameraMs:F2} ms per MiB");
        output.WriteLine($"ingest:   the plain run's processor time, server and clients, {plainMsPerMebibyte:F1} ms per MiB: with only that cryptography added the ratio would be at most {plainMsPerMebibyte / (plainMsPerMebibyte + serverMs + cameraMs):F2}");
    }

    private static void PlainRound(PlainUploadServer plain, int cameras, byte[] body, int requests, double mebibytes, Tally tally)
    {
        tally.Round(plain.CpuSeconds, mebibytes, () => plain.Round(cameras, body, requests, tally.Failures));
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

    /// <summary>Simulated cameras, all uploading at once (CAMAGENT_BENCH_CAMERAS, default 200).</summary>
    private static int Cameras => Setting("CAMAGENT_BENCH_CAMERAS", 200);

    /// <summary>Content bytes of each segment (CAMAGENT_BENCH_SEGMENT_BYTES, default 256 KiB).</summary>
    private static int SegmentBytes => Setting("CAMAGENT_BENCH_SEGMENT_BYTES", 256 * 1024);

    /// <summary>Content bytes of each PATCH (CAMAGENT_BENCH_PATCH_BYTES, default the device's chunk, 16 KiB).</summary>
    private static int PatchBytes => Setting("CAMAGENT_BENCH_PATCH_BYTES", UploadLimits.DefaultChunkSizeBytes);

    /// <summary>
    /// Unmeasured rounds before the measured ones, the plain baseline's too
    /// (CAMAGENT_BENCH_WARMUP_ROUNDS, default 8, about ten seconds: enough for the servers'
    /// tiered compilation to settle, so the measured blocks show no upward trend; the cluster
    /// run: 1).
    /// </summary>
    internal static int WarmUpRounds => Setting("CAMAGENT_BENCH_WARMUP_ROUNDS", 8);

    /// <summary>
    /// Measured rounds (every camera uploads one segment in each); the figures are over all of
    /// them (CAMAGENT_BENCH_ROUNDS, default 10: a round of 200 cameras takes under a second, and
    /// three were too few to steady the figures; the cluster run: 1). Against the plain upload,
    /// rounds per block.
    /// </summary>
    internal static int MeasuredRounds => Setting("CAMAGENT_BENCH_ROUNDS", 10);

    /// <summary>
    /// Segments each camera uploads in a round, one after the other on one connection, as the
    /// agent works through a backlog; the comparison with the plain upload runs once for each
    /// (CAMAGENT_BENCH_BACKLOG, a comma-separated list, default "1,4": one TLS handshake per
    /// segment, as a camera that connects for each segment, and four segments per connection, as
    /// the agent sends a backlog; the plain clients send as many requests on their one
    /// connection). With more segments per connection the handshake weighs less in both servers'
    /// figures and what the ingest server does per upload weighs more.
    /// </summary>
    internal static IReadOnlyList<int> Backlogs
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable("CAMAGENT_BENCH_BACKLOG");
            var values = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 0).ToList();
            return values.Count == 0 || values.Contains(0) ? [1, 4] : values;
        }
    }

    private static string Connections(int backlog) => backlog == 1 ? "one segment per connection" : $"{backlog} segments per connection";

    // Returns the throughput in MiB/s.
    private static double RunOnce(TextWriter output, string label, bool groupCommit, CamAgent.Ingest.Cluster.ClusterOptions? cluster, int warmUpRounds, int measuredRounds)
    {
        int cameras = Cameras;
        int segmentBytes = SegmentBytes;
        int patchBytes = PatchBytes;
        using Fleet fleet = Fleet.Start(new IngestBenchPki(), groupCommit, cluster, cameras, patchBytes);

        // Warm-up, not measured: every camera uploads segments first, so the figures are the
        // server's steady state and not the just-in-time compilation of its first requests (the
        // runtime compiles hot methods again, optimised with the profile gathered meanwhile, in
        // the background: two rounds still spent a fifth of the server's processor time in the
        // compiler).
        var warmUp = new Tally();
        for (int round = 0; round < warmUpRounds; round++)
        {
            fleet.Round(segmentBytes, 1, warmUp);
        }

        if (!warmUp.Failures.IsEmpty)
        {
            throw new InvalidOperationException("the warm-up failed: " + warmUp.Failures.First());
        }

        var measured = new Tally();
        int retriesBefore = fleet.Retries;
        for (int round = 0; round < measuredRounds; round++)
        {
            fleet.Round(segmentBytes, 1, measured);
        }

        Report(output, label, 1, measuredRounds, warmUpRounds, measured, fleet.Retries - retriesBefore, fleet.Server.PeakResident());
        return measured.MebibytesPerSecond;
    }

    private static void Report(TextWriter output, string label, int backlog, int rounds, int warmUpRounds, Tally tally, int retries, string peak)
    {
        int cameras = Cameras;
        int segmentBytes = SegmentBytes;
        int patchBytes = PatchBytes;
        double[] sorted = tally.LatenciesMs.Order().ToArray();
        output.WriteLine();
        output.WriteLine($"ingest: {label}: {cameras} cameras x {segmentBytes / 1024} KiB over mutual TLS{(BenchIngestServer.OfferedProtocols == System.Security.Authentication.SslProtocols.Tls12 ? " 1.2" : string.Empty)} ({Connections(backlog)}), Core tus client, {patchBytes / 1024} KiB PATCHes, {rounds} measured round(s) after {warmUpRounds} warm-up");
        output.WriteLine($"ingest:   throughput {tally.MebibytesPerSecond:F1} MiB/s ({tally.Mebibytes:F0} MiB in {tally.Seconds:F1} s, {sorted.Length} PATCHes)");
        output.WriteLine($"ingest:   PATCH latency p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted.LastOrDefault():F1} ms");
        output.WriteLine($"ingest:   server peak resident memory {peak}, processor time {ProcessCpu.Describe(tally.CpuSeconds, tally.Seconds, tally.Mebibytes)}; the cameras' {ProcessCpu.Describe(tally.CamerasCpuSeconds, tally.Seconds, tally.Mebibytes)}");
        output.WriteLine($"ingest:   retries {retries}, errors {tally.Failures.Count} (receipts verified: {(rounds * cameras * backlog) - tally.Failures.Count})");
        foreach (string failure in tally.Failures.Take(5))
        {
            output.WriteLine($"ingest:   error {failure}");
        }
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

    /// <summary>What a series of rounds added up to on one side.</summary>
    private sealed class Tally
    {
        public double Seconds { get; set; }

        public double CpuSeconds { get; set; }

        /// <summary>The benchmark process's own processor time: the cameras (and nothing else while a round runs).</summary>
        public double CamerasCpuSeconds { get; set; }

        public double Mebibytes { get; set; }

        public ConcurrentBag<double> LatenciesMs { get; } = new();

        public ConcurrentBag<string> Failures { get; } = new();

        public double MebibytesPerSecond => Mebibytes / Seconds;

        private static double OwnCpuSeconds()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime.TotalSeconds;
        }

        /// <summary>
        /// Runs one round (<paramref name="round"/> returns its seconds) that carries
        /// <paramref name="mebibytes"/>, adding its wall time and the processor time of the
        /// server (<paramref name="serverCpuSeconds"/>) and of this process (the cameras) meanwhile.
        /// </summary>
        public void Round(Func<double> serverCpuSeconds, double mebibytes, Func<double> round)
        {
            double serverBefore = serverCpuSeconds();
            double camerasBefore = OwnCpuSeconds();
            Seconds += round();
            CpuSeconds += serverCpuSeconds() - serverBefore;
            CamerasCpuSeconds += OwnCpuSeconds() - camerasBefore;
            Mebibytes += mebibytes;
        }

        public void Add(Tally other)
        {
            Seconds += other.Seconds;
            CpuSeconds += other.CpuSeconds;
            CamerasCpuSeconds += other.CamerasCpuSeconds;
            Mebibytes += other.Mebibytes;
            foreach (double latency in other.LatenciesMs)
            {
                LatenciesMs.Add(latency);
            }

            foreach (string failure in other.Failures)
            {
                Failures.Add(failure);
            }
        }
    }

    /// <summary>An ingest server and its cameras; each round every camera uploads the next segment of its chain.</summary>
    private sealed class Fleet : IDisposable
    {
        private readonly BenchCamera[] _cameras;

        private Fleet(BenchIngestServer server, BenchCamera[] cameras)
        {
            Server = server;
            _cameras = cameras;
        }

        public BenchIngestServer Server { get; }

        public int Retries => _cameras.Sum(c => c.Retries);

        public static Fleet Start(IngestBenchPki pki, bool groupCommit, CamAgent.Ingest.Cluster.ClusterOptions? cluster, int cameras, int patchBytes)
        {
            BenchIngestServer server = BenchIngestServer.Start(pki, groupCommit, cluster);
            var options = new TusClientOptions { PatchSizeBytes = patchBytes };
            return new Fleet(server, Enumerable.Range(0, cameras).Select(i => new BenchCamera(server, pki.IssueDevice($"bench-{i:D4}"), options)).ToArray());
        }

        // Sealing happens before the round and is not timed; every camera on its own thread, all released at once.
        public void Round(int segmentBytes, int backlog, Tally tally)
        {
            var sealedRound = _cameras.Select(camera => (Camera: camera, Segments: Enumerable.Range(0, backlog).Select(_ =>
            {
                byte[] content = RandomNumberGenerator.GetBytes(segmentBytes);
                (long sequence, byte[] manifest) = camera.Seal(content);
                return (Sequence: sequence, Manifest: manifest, Content: content);
            }).ToList())).ToList();
            tally.Round(Server.CpuSeconds, (double)_cameras.Length * backlog * segmentBytes / (1024 * 1024), () => AllAtOnce(sealedRound.Select(c => (Action)(() =>
            {
                foreach (var segment in c.Segments)
                {
                    UploadStatus status = c.Camera.Upload(segment.Sequence, segment.Manifest, segment.Content, tally.LatenciesMs.Add);
                    if (status != UploadStatus.Completed)
                    {
                        tally.Failures.Add($"{c.Camera.DeviceId}: {status} {c.Camera.Describe()}");
                        break;
                    }
                }

                c.Camera.Close();
            }))));
        }

        public void Dispose() => Server.Dispose();
    }
}

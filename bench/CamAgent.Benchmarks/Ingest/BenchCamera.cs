using CamAgent.Host.Platform;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Upload;
using CamAgent.Simulation.Agent;
using CamAgent.Host.Crypto;

namespace CamAgent.Benchmarks.Ingest;

/// <summary>
/// A simulated camera built from the device's own parts: Core's <see cref="Sealer"/> with a chain
/// that carries from record to record (<see cref="BenchSealer"/>), and Core's <see cref="TusClient"/> over the host TLS
/// connector presenting the camera's certificate, trusting only the agency root, and checking
/// every receipt against the pinned receipt key. Not thread-safe: one thread per camera.
/// </summary>
internal sealed class BenchCamera
{
    private readonly BenchSealer _sealer;
    private readonly TusClient _client;

    public BenchCamera(BenchIngestServer server, X509Certificate2 certificate, TusClientOptions options)
    {
        Certificate = certificate;
        DeviceId = certificate.GetNameInfo(X509NameType.SimpleName, false);
        _sealer = new BenchSealer(certificate);
        var log = new TextLogSink(Console.Error, LogLevel.Error);
        _client = new TusClient(
            BenchIngestServer.Endpoint(server.Pki, server.Port, certificate, log), ReceiptChecker(server.Pki),
            new SystemRandomSource(), new SystemWallClock(), log, options);
    }

    public X509Certificate2 Certificate { get; }

    public string DeviceId { get; }

    /// <summary>The client's buffers, allocated once when it was built.</summary>
    public int ClientBufferBytes => _client.BufferBytes;

    /// <summary>Seals <paramref name="content"/> as the next segment of this camera's chain; returns its sequence and signed manifest.</summary>
    public (long Sequence, byte[] Manifest) Seal(byte[] content) => _sealer.Seal(content);

    /// <summary>The camera's receipt check, as the device makes it: Core's checker with the receipt key pinned.</summary>
    public static PinnedReceiptChecker ReceiptChecker(IngestBenchPki pki)
    {
        ECParameters receiptKey = pki.Receipt.GetECDsaPublicKey()!.ExportParameters(false);
        byte[] pinned = [0x04, .. receiptKey.Q.X!, .. receiptKey.Q.Y!];
        return new PinnedReceiptChecker(pinned, 0);
    }

    /// <summary>Steps that ended in RetryLater (refused connection, 423/429/5xx, broken transfer), over all uploads.</summary>
    public int Retries { get; private set; }

    /// <summary>
    /// Uploads one sealed record as the agent does: one HTTP exchange per step, waiting out the
    /// client's retry delays. <paramref name="patchMs"/> gets the duration of every PATCH exchange
    /// that the server acknowledged (from the first byte written to the answer read). Returns the
    /// final status (Completed means a verified receipt).
    /// </summary>
    public UploadStatus Upload(long sequence, byte[] manifest, byte[] content, Action<double>? patchMs = null)
    {
        _client.Begin(new UploadJob(sequence, manifest, 0, manifest.Length, new MemoryStream(content, writable: false), content.Length));
        UploadStatus status;
        do
        {
            long sentBefore = _client.ContentBytesSent;
            long started = Stopwatch.GetTimestamp();
            status = _client.Step();
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (status == UploadStatus.RetryLater)
            {
                Retries++;
                Thread.Sleep(_client.RetryDelayMs);
            }
            else if (_client.ContentBytesSent > sentBefore)
            {
                patchMs?.Invoke(elapsedMs);
            }
        }
        while (status is UploadStatus.InProgress or UploadStatus.RetryLater);

        return status;
    }

    /// <summary>Why the last upload did not complete, for error reports.</summary>
    public string Describe() => $"{_client.Failure} status {_client.LastStatusCode} {_client.LastErrorCode} transport {_client.TransportStatus}";

    public void Close() => _client.Close();
}

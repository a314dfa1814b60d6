using System.Security.Cryptography;
using System.Text;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Support;

namespace CamAgent.Core.Tests.Agent;

/// <summary>
/// A behavioural tus 1.0.0 ingest server behind an <see cref="ITlsConnector"/> (the radio and TLS
/// cannot exist in a unit test; the real server runs in the Ingest tests). It decodes the real
/// manifests, verifies the real content digest, issues real COSE receipts signed with the receipt
/// key, and injects faults: link down, connections cut after N bytes, 5xx and 429 bursts.
/// Connection attempts are counted per host and port.
/// </summary>
public sealed class InMemoryTusServer : ITlsConnector
{
    private readonly Dictionary<string, Upload> _uploads = new();
    private readonly HostP256 _receiptSigner;
    private readonly byte[] _receiptCertificate;
    private readonly Func<long> _serverTimeMs;

    public InMemoryTusServer(ECDsa receiptKey, byte[] receiptCertificate, Func<long> serverTimeMs)
    {
        _receiptSigner = new HostP256(receiptKey);
        _receiptCertificate = receiptCertificate;
        _serverTimeMs = serverTimeMs;
    }

    public bool Down { get; set; }

    /// <summary>Connections are cut after this many request bytes (0: never).</summary>
    public int CutAfterBytes { get; set; }

    /// <summary>Requests answered with this status before normal service resumes (503 or 429).</summary>
    public int FailNextRequests { get; set; }

    public int FailStatus { get; set; } = 503;

    /// <summary>Records refused at creation, by sequence: the permanent answer the server gives them.</summary>
    public Dictionary<long, (int Status, string Code)> RefusedRecords { get; } = new();

    /// <summary>When set, every creation is refused with this answer (a revoked device).</summary>
    public (int Status, string Code)? RefusedDevice { get; set; }

    /// <summary>Sees every creation, completion and refusal (a test's rule oracle); null: none.</summary>
    public IUploadWatcher? Watcher { get; set; }

    public int Connections { get; private set; }

    public int Requests { get; private set; }

    public List<(string Host, int Port)> Dials { get; } = new();

    /// <summary>Completed records by sequence, in completion order.</summary>
    public List<long> CompletedOrder { get; } = new();

    public byte[]? StoredContent(string deviceId, long sequence) =>
        _uploads.TryGetValue($"{deviceId}-{sequence:D20}", out Upload? u) && u.Receipt != null ? u.Data.ToArray() : null;

    public byte[]? StoredReceipt(string deviceId, long sequence) =>
        _uploads.TryGetValue($"{deviceId}-{sequence:D20}", out Upload? u) ? u.Receipt : null;

    public Manifest? StoredManifest(string deviceId, long sequence) =>
        _uploads.TryGetValue($"{deviceId}-{sequence:D20}", out Upload? u) && u.Receipt != null ? CoseReceiptChecker.ManifestOf(u.Manifest, 0, u.Manifest.Length) : null;

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        Dials.Add((host, port));
        stream = null!;
        if (Down)
        {
            return TransportStatus.ConnectFailed;
        }

        Connections++;
        stream = new InMemoryTusConnection(this, CutAfterBytes);
        return TransportStatus.Ok;
    }

    internal byte[] Handle(string head, byte[] body)
    {
        Requests++;
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':')).ToDictionary(l => l[..l.IndexOf(':')].ToLowerInvariant(), l => l[(l.IndexOf(':') + 1)..].Trim());
        if (FailNextRequests > 0)
        {
            FailNextRequests--;
            return Response(FailStatus, "server-busy", FailStatus == 429 ? "Retry-After: 30\r\n" : "");
        }

        return (requestLine[0], requestLine[1]) switch
        {
            ("POST", "/files/") => Create(headers),
            ("HEAD", var path) => Head(path),
            ("PATCH", var path) => Patch(path, headers, body),
            _ => Response(404, "unknown-upload"),
        };
    }

    private byte[] Create(Dictionary<string, string> headers)
    {
        byte[] manifestBytes = Convert.FromBase64String(headers["upload-metadata"]["manifest ".Length..]);
        Manifest manifest = CoseReceiptChecker.ManifestOf(manifestBytes, 0, manifestBytes.Length);
        if (RefusedDevice is { } device)
        {
            return Response(device.Status, device.Code);
        }

        if (RefusedRecords.TryGetValue(manifest.Sequence, out (int Status, string Code) refusal))
        {
            return Response(refusal.Status, refusal.Code);
        }

        Watcher?.Created(manifestBytes, manifest);
        string id = $"{manifest.DeviceId}-{manifest.Sequence:D20}";
        long length = long.Parse(headers["upload-length"]);
        if (_uploads.TryGetValue(id, out Upload? existing))
        {
            return existing.Manifest.AsSpan().SequenceEqual(manifestBytes)
                ? Response(201, null, $"Location: /files/{id}\r\nUpload-Offset: {existing.Data.Length}\r\n" + ReceiptHeader(existing))
                : Response(409, "sequence-conflict");
        }

        var upload = new Upload(id, manifestBytes, manifest, length);
        _uploads[id] = upload;
        if (length == 0)
        {
            Complete(upload);
        }

        return Response(201, null, $"Location: /files/{id}\r\nUpload-Offset: 0\r\n" + ReceiptHeader(upload));
    }

    private byte[] Head(string path)
    {
        if (!_uploads.TryGetValue(path["/files/".Length..], out Upload? upload))
        {
            return Response(404, "unknown-upload");
        }

        return Response(200, null, $"Upload-Offset: {upload.Data.Length}\r\nUpload-Length: {upload.Length}\r\nCache-Control: no-store\r\n" + ReceiptHeader(upload));
    }

    private byte[] Patch(string path, Dictionary<string, string> headers, byte[] body)
    {
        if (!_uploads.TryGetValue(path["/files/".Length..], out Upload? upload))
        {
            return Response(404, "unknown-upload");
        }

        if (long.Parse(headers["upload-offset"]) != upload.Data.Length)
        {
            return Response(409, "offset-mismatch", $"Upload-Offset: {upload.Data.Length}\r\n");
        }

        upload.Data.Write(body);
        if (upload.Data.Length == upload.Length && upload.Receipt == null)
        {
            var digest = new ContentDigest(new CamAgent.Host.Crypto.HostHmacSha256Factory(), upload.Parsed.ChunkSizeBytes);
            byte[] data = upload.Data.ToArray();
            digest.Append(data, 0, data.Length);
            byte[] result = new byte[32];
            digest.Finish(result, 0);
            if (!result.AsSpan().SequenceEqual(upload.Parsed.ContentDigestBytes))
            {
                _uploads.Remove(upload.Id);
                return Response(460, "content-digest-mismatch");
            }

            Complete(upload);
        }

        return Response(204, null, $"Upload-Offset: {upload.Data.Length}\r\n" + ReceiptHeader(upload));
    }

    private void Complete(Upload upload)
    {
        var receipt = new Receipt
        {
            Version = 1,
            DeviceId = upload.Parsed.DeviceId,
            Sequence = upload.Parsed.Sequence,
            ContentLength = upload.Length,
            ServerTimeMs = _serverTimeMs(),
            UploadId = upload.Id,
        };
        upload.Parsed.ContentDigestBytes.CopyTo(receipt.ContentDigestBytes, 0);
        SHA256.HashData(upload.Manifest).CopyTo(receipt.ManifestDigest, 0);
        byte[] payload = new byte[512];
        var writer = new CborWriter(payload, 0, payload.Length);
        Assert.Equal(EvidenceStatus.Ok, receipt.Encode(writer, out _));
        byte[] output = new byte[4096];
        Assert.Equal(CoseStatus.Ok, new CoseSign1Encoder().Sign(_receiptSigner, _receiptCertificate, 0, _receiptCertificate.Length, payload, 0, writer.Length, output, 0, output.Length, out int written));
        upload.Receipt = output[..written];
        CompletedOrder.Add(upload.Parsed.Sequence);
        Watcher?.Completed(upload.Parsed, upload.Data.ToArray());
    }

    private static string ReceiptHeader(Upload upload) =>
        upload.Receipt == null ? "" : $"CamAgent-Receipt: {Convert.ToBase64String(upload.Receipt)}\r\n";

    private byte[] Response(int status, string? error, string extra = "")
    {
        if (status >= 400)
        {
            Watcher?.Refused(status, error ?? "");
        }

        string errorLine = error == null ? "" : $"CamAgent-Error: {error}\r\n";
        return Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nTus-Resumable: 1.0.0\r\n{errorLine}{extra}Content-Length: 0\r\n\r\n");
    }

    private sealed class Upload(string id, byte[] manifest, Manifest parsed, long length)
    {
        public string Id { get; } = id;
        public byte[] Manifest { get; } = manifest;
        public Manifest Parsed { get; } = parsed;
        public long Length { get; } = length;
        public MemoryStream Data { get; } = new();
        public byte[]? Receipt { get; set; }
    }

    private sealed class HostP256(ECDsa key) : ISigner
    {
        public SignerKind Kind => SignerKind.Software;

        public SignerStatus GetPublicKey(byte[] publicKey, int offset)
        {
            TestCredentials.Point(key).CopyTo(publicKey, offset);
            return SignerStatus.Ok;
        }

        public SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
        {
            key.SignHash(digest.AsSpan(digestOffset, 32), signature.AsSpan(signatureOffset, 64), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return SignerStatus.Ok;
        }
    }
}

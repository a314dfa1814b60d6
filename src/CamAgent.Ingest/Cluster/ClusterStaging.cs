using Amazon.S3.Model;
using CamAgent.Ingest.Evidence;
using CamAgent.Ingest.Storage;

namespace CamAgent.Ingest.Cluster;

/// <summary>
/// Bytes of unfinished uploads (docs/ingest-cluster.md §2.2). Every acknowledged PATCH body is one
/// object in the staging bucket, registered in PostgreSQL in the same transaction that moves the
/// offset, so any node can continue from the acknowledged offset and recompute the digest by
/// reading the pieces back. Runs of small pieces are rolled up into one object once they reach
/// the part size, so an upload is a list of parts of at least 5 MiB except the last, ready for
/// S3's multipart copy at completion, and no small piece is ever rewritten (tusd's S3 store
/// rewrites one "incomplete part" object instead, which costs O(n²) for 16 KiB PATCHes).
/// </summary>
internal sealed class ClusterStaging
{
    private readonly RecordTable _records;
    private readonly ObjectStore _objects;
    private readonly long _partSizeBytes;

    public ClusterStaging(RecordTable records, ObjectStore objects, long partSizeBytes)
    {
        _records = records;
        _objects = objects;
        _partSizeBytes = partSizeBytes;
    }

    /// <summary>Digest of the staged bytes [0, offsetBytes), read back from the staging bucket.</summary>
    public async Task<IContentDigestAccumulator> RebuildDigestAsync(IEvidenceFormat format, UploadSession session)
    {
        IContentDigestAccumulator digest = format.StartContentDigest(session.Facts.ChunkSizeBytes);
        long next = 0;
        foreach (StagedPiece piece in await _records.StagedAsync(session.Id).ConfigureAwait(false))
        {
            if (piece.OffsetBytes != next || next + piece.LengthBytes > session.OffsetBytes)
            {
                throw new IOException($"Staged pieces of upload {session.Id} do not cover [0, {session.OffsetBytes}).");
            }

            byte[] bytes = await _objects.ReadAsync(_objects.Staging, piece.Key).ConfigureAwait(false);
            digest.Append(bytes, 0, bytes.Length);
            next += bytes.Length;
        }

        return next == session.OffsetBytes ? digest : throw new IOException($"Staged pieces of upload {session.Id} end at {next}, not {session.OffsetBytes}.");
    }

    /// <summary>
    /// Merges runs of small pieces that reached the part size (all runs when <paramref name="final"/>)
    /// and returns the pieces afterwards. A merge that loses a race to another node changes nothing.
    /// </summary>
    public async Task<List<StagedPiece>> RollUpAsync(string uploadId, bool final)
    {
        List<StagedPiece> pieces = await _records.StagedAsync(uploadId).ConfigureAwait(false);
        var result = new List<StagedPiece>();
        var run = new List<StagedPiece>();
        foreach (StagedPiece piece in pieces)
        {
            run.Add(piece);
            if (run.Sum(p => p.LengthBytes) >= _partSizeBytes)
            {
                result.Add(await MergeAsync(uploadId, run).ConfigureAwait(false));
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            result.AddRange(final ? [await MergeAsync(uploadId, run).ConfigureAwait(false)] : run);
        }

        return result;
    }

    /// <summary>Writes the segment from its staged parts into the evidence bucket (server-side copies) and locks it.</summary>
    public async Task WriteSegmentAsync(string uploadId, string key, long lengthBytes)
    {
        if (lengthBytes == 0)
        {
            await _objects.PutEvidenceAsync(key, Array.Empty<byte>()).ConfigureAwait(false);
            return;
        }

        if (await _objects.EvidenceExistsAsync(key, lengthBytes).ConfigureAwait(false))
        {
            return;
        }

        List<StagedPiece> parts = await RollUpAsync(uploadId, final: true).ConfigureAwait(false);
        if (parts.Sum(p => p.LengthBytes) != lengthBytes)
        {
            throw new IOException($"Staged parts of upload {uploadId} do not add up to {lengthBytes} bytes.");
        }

        string? version = parts.Count == 1
            ? (await _objects.Client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = _objects.Staging, SourceKey = parts[0].Key, DestinationBucket = _objects.Evidence, DestinationKey = key,
            }).ConfigureAwait(false)).VersionId
            : await CopyMultipartAsync(parts, key).ConfigureAwait(false);
        await _objects.LockAsync(key, version).ConfigureAwait(false);
    }

    // Object-lock headers on CreateMultipartUpload are ignored by some servers: the retention is
    // set on the completed version by the caller.
    private async Task<string?> CopyMultipartAsync(List<StagedPiece> parts, string key)
    {
        InitiateMultipartUploadResponse started = await _objects.Client.InitiateMultipartUploadAsync(_objects.Evidence, key).ConfigureAwait(false);
        var etags = new List<PartETag>();
        for (int i = 0; i < parts.Count; i++)
        {
            CopyPartResponse copied = await _objects.Client.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = _objects.Staging, SourceKey = parts[i].Key, DestinationBucket = _objects.Evidence, DestinationKey = key,
                UploadId = started.UploadId, PartNumber = i + 1,
            }).ConfigureAwait(false);
            etags.Add(new PartETag(i + 1, copied.ETag));
        }

        CompleteMultipartUploadResponse done = await _objects.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _objects.Evidence, Key = key, UploadId = started.UploadId, PartETags = etags,
        }).ConfigureAwait(false);
        return done.VersionId;
    }

    private async Task<StagedPiece> MergeAsync(string uploadId, List<StagedPiece> run)
    {
        if (run.Count == 1)
        {
            return run[0];
        }

        using var merged = new MemoryStream((int)run.Sum(p => p.LengthBytes));
        foreach (StagedPiece piece in run)
        {
            byte[] bytes = await _objects.ReadAsync(_objects.Staging, piece.Key).ConfigureAwait(false);
            merged.Write(bytes);
        }

        var part = new StagedPiece(run[0].OffsetBytes, merged.Length, ObjectKeys.Piece(uploadId, run[0].OffsetBytes));
        await _objects.PutStagedAsync(part.Key, merged.GetBuffer(), (int)merged.Length).ConfigureAwait(false);
        if (!await _records.ReplaceStagedAsync(uploadId, run, part).ConfigureAwait(false))
        {
            await _objects.DeleteStagedAsync(part.Key).ConfigureAwait(false);
            throw new IOException($"Upload {uploadId} changed while its pieces were merged; try again.");
        }

        foreach (StagedPiece piece in run)
        {
            await _objects.DeleteStagedAsync(piece.Key).ConfigureAwait(false);
        }

        return part;
    }
}

using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;

namespace CamAgent.Verification;

/// <summary>
/// Recomputes a segment's content digest by streaming its file through
/// <see cref="ContentDigest.Append"/> with one reused read buffer: memory stays bounded whatever
/// the file size. Never reads beyond the length the file had when opened, so a special file
/// cannot feed endless data. Not thread-safe.
/// </summary>
public sealed class ContentVerifier
{
    /// <summary>Read size: large enough for sequential throughput, small enough to be irrelevant in memory.</summary>
    public const int ReadBufferBytes = 64 * 1024;

    private readonly byte[] _buffer = new byte[ReadBufferBytes];
    private readonly byte[] _digest = new byte[ContentDigest.DigestSizeBytes];
    private readonly Dictionary<int, ContentDigest> _digests = new();
    private readonly HostHmacSha256Factory _hmac = new();

    /// <summary>
    /// Compares <paramref name="segment"/> (null when absent) with the manifest's length and digest.
    /// Returns null when it matches, else the kind of mismatch with a message.
    /// </summary>
    public (FindingKind Kind, string Message)? Check(FileInfo? segment, Manifest manifest, long maxSegmentBytes)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        segment?.Refresh();
        long length = segment?.Length ?? 0;
        if (segment is null && manifest.ContentLength > 0)
        {
            return (FindingKind.ContentMissing, $"the segment file is missing ({manifest.ContentLength} bytes expected)");
        }

        if (length > maxSegmentBytes)
        {
            return (FindingKind.ContentMismatch, $"the segment file is {length} bytes, over the {maxSegmentBytes}-byte limit; not read");
        }

        if (length < manifest.ContentLength)
        {
            return (FindingKind.Truncated, $"the segment file has {length} of the {manifest.ContentLength} bytes the manifest states");
        }

        if (length > manifest.ContentLength)
        {
            return (FindingKind.ContentMismatch, $"the segment file has {length} bytes, the manifest states {manifest.ContentLength}");
        }

        ContentDigest digest = DigestFor(manifest.ChunkSizeBytes);
        if (!Stream(segment, length, digest))
        {
            return (FindingKind.ContentMismatch, "the segment file changed size while being read");
        }

        digest.Finish(_digest, 0);
        return _digest.AsSpan().SequenceEqual(manifest.ContentDigestBytes)
            ? null
            : (FindingKind.ContentMismatch, "the content digest of the segment file differs from the signed manifest");
    }

    private ContentDigest DigestFor(int chunkSizeBytes)
    {
        if (!_digests.TryGetValue(chunkSizeBytes, out ContentDigest? digest))
        {
            digest = new ContentDigest(_hmac, chunkSizeBytes);
            _digests.Add(chunkSizeBytes, digest);
        }

        digest.Reset();
        return digest;
    }

    private bool Stream(FileInfo? segment, long length, ContentDigest digest)
    {
        if (segment is null || length == 0)
        {
            return true;
        }

        using var stream = new FileStream(segment.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long remaining = length;
        while (remaining > 0)
        {
            int read = stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, remaining));
            if (read == 0)
            {
                return false;
            }

            digest.Append(_buffer, 0, read);
            remaining -= read;
        }

        return stream.Read(_buffer, 0, 1) == 0;
    }
}

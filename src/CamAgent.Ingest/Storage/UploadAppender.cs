using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Appends PATCH bodies to unfinished uploads (tus 1.0.0 §3.2 PATCH). Bytes are written to the
/// data file, fed to the content digest, and fsynced before the new offset is visible, so an
/// acknowledged offset never exceeds what is on disk. The digest lives in memory; after a
/// restart it is recomputed from the bytes on disk on the upload's next PATCH (one sequential
/// read of what was received; no digest state file can disagree with the data).
/// </summary>
public static class UploadAppender
{
    /// <summary>Copy buffer; 64 KiB keeps the number of write calls low for 16 KiB device chunks and 1 MiB bodies alike.</summary>
    public const int CopyBufferBytes = 64 * 1024;

    /// <summary>How long a PATCH waits for another request on the same upload (an aborted one still unwinding) before 423.</summary>
    public static readonly TimeSpan GateWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Appends <paramref name="contentLength"/> bytes of <paramref name="body"/> at <paramref name="requestOffset"/>.
    /// The caller checked that offset + length does not pass the upload length. Storage failures
    /// throw <see cref="IOException"/> (the bytes acknowledged before remain valid).
    /// Nothing here stops when the client goes away: a connection that broke while this request
    /// waited for the upload (behind the previous, aborted request) still delivers the body bytes
    /// that arrived, and they are kept, so the device resumes after them.
    /// </summary>
    public static async Task<AppendResult> AppendAsync(UploadStore store, UploadSession session, long requestOffset, Stream body, long contentLength)
    {
        if (!await session.Gate.WaitAsync(GateWait).ConfigureAwait(false))
        {
            return new AppendResult(AppendStatus.Busy, session.OffsetBytes);
        }

        try
        {
            if (session.IsClosed)
            {
                return new AppendResult(AppendStatus.Closed, 0);
            }

            if (requestOffset != session.OffsetBytes)
            {
                return new AppendResult(AppendStatus.OffsetMismatch, session.OffsetBytes);
            }

            EnsureDigest(store, session);
            (bool complete, bool lastBytesUnflushed) = await CopyAsync(store, session, body, contentLength).ConfigureAwait(false);
            session.LastActivityUtc = store.Time.GetUtcNow().UtcDateTime;
            if (!complete)
            {
                return new AppendResult(AppendStatus.BodyIncomplete, session.OffsetBytes);
            }

            return lastBytesUnflushed || session.OffsetBytes == session.LengthBytes
                ? await CompleteAsync(store, session, lastBytesUnflushed).ConfigureAwait(false)
                : new AppendResult(AppendStatus.Stored, session.OffsetBytes);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Rebuilds the digest of bytes [0, offset) from the data file when it is not in memory.</summary>
    internal static void EnsureDigest(UploadStore store, UploadSession session)
    {
        if (session.Digest is not null)
        {
            return;
        }

        var digest = store.Format.StartContentDigest(session.Facts.ChunkSizeBytes);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            using var data = new FileStream(store.Layout.IncomingFile(session.Id, StoreLayout.DataFileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long remaining = session.OffsetBytes;
            while (remaining > 0)
            {
                int read = data.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    throw new IOException($"Data of upload {session.Id} is shorter than its offset.");
                }

                digest.Append(buffer, 0, read);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        session.Digest = digest;
    }

    /// <summary>
    /// Checks the digest of an upload that holds every byte and commits it (Completed with the
    /// receipt, or DigestMismatch). The caller holds the upload's gate. Storage failures throw
    /// <see cref="IOException"/> and leave the upload open, to be completed again.
    /// </summary>
    internal static async Task<AppendResult> CompleteAsync(UploadStore store, UploadSession session, bool lastBytesUnflushed = false)
    {
        var deviceLock = store.DeviceLock(session.DeviceId);
        await deviceLock.WaitAsync().ConfigureAwait(false);
        try
        {
            (AppendStatus status, byte[]? receipt) = await RecordCommitter.CompleteAsync(store, session, lastBytesUnflushed).ConfigureAwait(false);
            return new AppendResult(status, status == AppendStatus.Completed ? session.LengthBytes : 0, receipt);
        }
        finally
        {
            deviceLock.Release();
        }
    }

    // Complete is false when the body ended or broke off before contentLength bytes; what arrived
    // is kept. LastBytesUnflushed: this PATCH brought the upload's last byte under group commit,
    // and its bytes are left for the completion's first barrier (the offset has not moved yet).
    private static async Task<(bool Complete, bool LastBytesUnflushed)> CopyAsync(UploadStore store, UploadSession session, Stream body, long contentLength)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        string path = store.Layout.IncomingFile(session.Id, StoreLayout.DataFileName);

        // A handle written at explicit offsets (pwrite), unbuffered: no stream object, no seek,
        // and the file's length asked once, not again after every piece.
        using SafeFileHandle data = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);

        // Bytes past the offset were never acknowledged (a write that failed half-way): drop them,
        // so the file's length, the offset and the digest describe the same bytes. Only then: a
        // truncation to the same length still changes the file's times, one more metadata write
        // per PATCH.
        if (RandomAccess.GetLength(data) != session.OffsetBytes)
        {
            RandomAccess.SetLength(data, session.OffsetBytes);
        }

        long start = session.OffsetBytes;
        long written = 0;
        bool complete = true;
        bool lastBytesUnflushed = false;
        bool writeFailed = true;
        try
        {
            while (written < contentLength)
            {
                int read = await ReadBodyAsync(body, buffer.AsMemory(0, (int)Math.Min(buffer.Length, contentLength - written))).ConfigureAwait(false);
                if (read <= 0)
                {
                    complete = false;
                    break;
                }

                WriteOrDropDigest(session, data, buffer, read, start + written);
                session.Digest!.Append(buffer, 0, read);
                written += read;
            }

            writeFailed = false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!writeFailed && written == contentLength && start + written == session.LengthBytes && store.Durability.SharesFlushes)
            {
                // The upload's last bytes: the completion's first barrier makes them durable
                // together with the decision, one flush instead of two (RecordCommitter), and
                // the offset moves then.
                lastBytesUnflushed = true;
            }
            else
            {
                // The offset moves only once the bytes are durable: with group commit after a
                // shared flush that began after this write, otherwise after this file's own fsync.
                // After a failed write, part of the piece may be on disk: the file says how much.
                await GroupCommit.MakeDurableAsync(data, store.GroupCommit).ConfigureAwait(false);
                session.OffsetBytes = writeFailed ? RandomAccess.GetLength(data) : start + written;
            }
        }

        return (complete, lastBytesUnflushed);
    }

    private static void WriteOrDropDigest(UploadSession session, SafeFileHandle data, byte[] buffer, int count, long offset)
    {
        try
        {
            RandomAccess.Write(data, buffer.AsSpan(0, count), offset);
        }
        catch (IOException)
        {
            // Part of the piece may be on disk: the digest is rebuilt from the file next time.
            session.Digest = null;
            throw;
        }
    }

    // A client that disconnects, sends less than its Content-Length or falls below the minimum
    // data rate ends the body: that is an incomplete PATCH, not a server error (-1). The read is
    // not tied to RequestAborted: bytes that arrived before the connection dropped are still
    // delivered, then the read fails.
    internal static async Task<int> ReadBodyAsync(Stream body, Memory<byte> buffer)
    {
        try
        {
            return await body.ReadAsync(buffer).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            return -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }
}

using System;
using System.IO;

namespace CamAgent.Core.Upload
{
    /// <summary>
    /// One sealed record to upload: its signed manifest (COSE_Sign1 bytes, sent at creation) and,
    /// for segments, its content. The client reads but never disposes or writes the content stream,
    /// and does not copy the manifest: the caller keeps both unchanged until the upload ends.
    /// </summary>
    public sealed class UploadJob
    {
        /// <param name="content">Seekable stream of exactly <paramref name="contentLength"/> bytes; null only for continuity records (length 0).</param>
        public UploadJob(long sequence, byte[] manifest, int manifestOffset, int manifestCount, Stream content, long contentLength)
        {
            if (manifest == null)
            {
                throw new ArgumentNullException("manifest");
            }

            if (manifestOffset < 0 || manifestCount <= 0 || manifestOffset + manifestCount > manifest.Length)
            {
                throw new ArgumentOutOfRangeException("manifestCount");
            }

            if (sequence < 0 || contentLength < 0)
            {
                throw new ArgumentOutOfRangeException("contentLength");
            }

            if (contentLength > 0 && (content == null || !content.CanRead || !content.CanSeek))
            {
                throw new ArgumentException("content must be a readable, seekable stream");
            }

            Sequence = sequence;
            Manifest = manifest;
            ManifestOffset = manifestOffset;
            ManifestCount = manifestCount;
            Content = content;
            ContentLength = contentLength;
        }

        /// <summary>Device-wide sequence number of the record (docs/evidence-format.md).</summary>
        public long Sequence { get; private set; }

        public byte[] Manifest { get; private set; }

        public int ManifestOffset { get; private set; }

        public int ManifestCount { get; private set; }

        public Stream Content { get; private set; }

        /// <summary>Bytes of content; 0 for continuity records.</summary>
        public long ContentLength { get; private set; }
    }
}

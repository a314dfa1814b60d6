using System;
using System.IO;
using CamAgent.Core.Crypto;

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

        /// <summary>
        /// As the other constructor, with the record's digest (SHA-256 of the manifest's COSE_Sign1
        /// bytes, exactly 32 bytes) known already, as the sealer computed it for the chain: the
        /// receipt check then compares with it instead of hashing the manifest again. Not copied.
        /// </summary>
        public UploadJob(long sequence, byte[] manifest, int manifestOffset, int manifestCount, Stream content, long contentLength, byte[] recordDigest)
            : this(sequence, manifest, manifestOffset, manifestCount, content, contentLength)
        {
            if (recordDigest == null)
            {
                throw new ArgumentNullException("recordDigest");
            }

            if (recordDigest.Length != Sha256.DigestSizeBytes)
            {
                throw new ArgumentException("a record digest is 32 bytes", "recordDigest");
            }

            RecordDigest = recordDigest;
        }

        /// <summary>Device-wide sequence number of the record (docs/evidence-format.md).</summary>
        public long Sequence { get; private set; }

        public byte[] Manifest { get; private set; }

        public int ManifestOffset { get; private set; }

        public int ManifestCount { get; private set; }

        public Stream Content { get; private set; }

        /// <summary>Bytes of content; 0 for continuity records.</summary>
        public long ContentLength { get; private set; }

        /// <summary>SHA-256 of the manifest bytes when the caller knew it, else null.</summary>
        public byte[] RecordDigest { get; private set; }
    }
}

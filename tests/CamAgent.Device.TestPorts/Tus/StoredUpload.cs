using System;
using CamAgent.Core.Evidence;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>One record on the scripted server: its verified manifest, the content received so far, and its receipt once complete.</summary>
    public sealed class StoredUpload
    {
        private readonly byte[] _content;

        internal StoredUpload(string id, byte[] manifestBytes, Manifest record)
        {
            Id = id;
            ManifestBytes = manifestBytes;
            Record = record;
            _content = new byte[(int)record.ContentLength];
        }

        /// <summary>The upload id in the URL (/files/&lt;id&gt;).</summary>
        public string Id { get; private set; }

        /// <summary>The manifest's COSE_Sign1 bytes as the device sent them.</summary>
        public byte[] ManifestBytes { get; private set; }

        /// <summary>The decoded manifest (its signature verified at creation).</summary>
        public Manifest Record { get; private set; }

        public long Sequence
        {
            get { return Record.Sequence; }
        }

        public long Length
        {
            get { return _content.Length; }
        }

        /// <summary>Content bytes held (tus Upload-Offset).</summary>
        public long Offset { get; private set; }

        /// <summary>The receipt's COSE_Sign1 bytes once the content is complete and verified; null before.</summary>
        public byte[] Receipt { get; internal set; }

        internal byte[] Content
        {
            get { return _content; }
        }

        internal void Append(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, _content, (int)Offset, count);
            Offset += count;
        }

        /// <summary>True when the complete content equals <paramref name="expected"/> byte for byte.</summary>
        public bool ContentEquals(byte[] expected)
        {
            if (expected == null || expected.Length != _content.Length || Offset != _content.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != _content[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

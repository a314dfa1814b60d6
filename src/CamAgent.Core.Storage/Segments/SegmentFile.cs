namespace CamAgent.Core.Segments
{
    /// <summary>
    /// A recorded segment file found by <see cref="SegmentSource"/>. One instance is allocated by
    /// the caller and refilled on every search, so finding segments allocates nothing but the
    /// platform's directory listing.
    /// </summary>
    public sealed class SegmentFile
    {
        /// <summary>The recorder's sequence number, from the file name.</summary>
        public long RecorderSequence { get; private set; }

        /// <summary>Store path of the content.</summary>
        public string Path { get; private set; }

        /// <summary>Length in bytes when found; a truncated file is sealed up to this length.</summary>
        public long LengthBytes { get; private set; }

        /// <summary>
        /// True for a file the recorder never finished (its temporary name survived a power cut or
        /// a recorder restart): it is sealed as TRUNCATED, never dropped.
        /// </summary>
        public bool Truncated { get; private set; }

        internal void Set(long recorderSequence, string path, long lengthBytes, bool truncated)
        {
            RecorderSequence = recorderSequence;
            Path = path;
            LengthBytes = lengthBytes;
            Truncated = truncated;
        }
    }
}

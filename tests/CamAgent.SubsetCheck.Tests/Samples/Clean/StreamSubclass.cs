using System;
using System.IO;

namespace Samples
{
    /// <summary>A write-only stream that counts bytes: overrides only members nanoFramework's Stream has.</summary>
    public sealed class CountingStream : Stream
    {
        private long _countBytes;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _countBytes;

        public override long Position
        {
            get => _countBytes;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            _countBytes += count;
        }

        public override string ToString() => base.ToString() + ":" + _countBytes;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
        }
    }
}

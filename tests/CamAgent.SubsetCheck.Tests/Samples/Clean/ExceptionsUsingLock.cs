using System;
using System.IO;

namespace Samples
{
    public sealed class SealingException : Exception
    {
        public SealingException(string message)
            : base(message)
        {
        }

        public SealingException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }

    public sealed class Journal : IDisposable
    {
        private readonly object _gate = new object();
        private readonly MemoryStream _stream = new MemoryStream();
        private int _records;

        public int Append(byte[] record)
        {
            if (record == null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            lock (_gate)
            {
                try
                {
                    _stream.Write(record, 0, record.Length);
                    _stream.Flush();
                    _records++;
                }
                catch (IOException exception)
                {
                    throw new SealingException("journal write failed", exception);
                }
                finally
                {
                    _stream.Seek(0, SeekOrigin.End);
                }
            }

            using (var copy = new MemoryStream(record))
            {
                return (int)copy.Length + _records;
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
        }
    }
}

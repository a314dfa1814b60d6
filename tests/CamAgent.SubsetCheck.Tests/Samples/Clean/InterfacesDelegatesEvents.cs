using System;

namespace Samples
{
    public delegate void ChunkHandler(byte[] buffer, int offset, int count);

    public interface IChunkSource
    {
        event ChunkHandler ChunkReady;

        int ChunkSizeBytes { get; }

        bool TryRead(byte[] buffer, int offset, out int count);
    }

    public sealed class ChunkSource : IChunkSource
    {
        private ChunkHandler _explicitHandlers;

        public event ChunkHandler ChunkReady;

        public event EventHandler Closed
        {
            add { _closed += value; }
            remove { _closed -= value; }
        }

        private EventHandler _closed;

        public int ChunkSizeBytes => 16;

        public bool TryRead(byte[] buffer, int offset, out int count)
        {
            count = Fill(buffer, offset);
            ChunkHandler handler = ChunkReady;
            if (handler != null)
            {
                handler(buffer, offset, count);
            }

            _explicitHandlers += (b, o, c) => { };
            _explicitHandlers?.Invoke(buffer, offset, count);
            _closed?.Invoke(this, EventArgs.Empty);
            return count > 0;

            int Fill(byte[] target, int at)
            {
                target[at] = 1;
                return 1;
            }
        }
    }
}

using System;
using CamAgent.Core.Evidence;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// The live records in RAM, in parallel arrays sized once (<see cref="SpoolConstants.MaxLiveRecords"/>).
    /// Rebuilt from the spool files at every recovery; the files are the truth.
    /// </summary>
    internal sealed class SpoolIndex
    {
        internal const int BytesPerRecord = 8 + 4 + 8 + 3;

        private const byte TruncatedFlag = 0x01;

        private readonly long[] _sequence;
        private readonly int[] _recorderSequence;
        private readonly long[] _contentLength;
        private readonly byte[] _kind;
        private readonly byte[] _state;
        private readonly byte[] _flags;
        private int _count;

        internal SpoolIndex(int capacity)
        {
            _sequence = new long[capacity];
            _recorderSequence = new int[capacity];
            _contentLength = new long[capacity];
            _kind = new byte[capacity];
            _state = new byte[capacity];
            _flags = new byte[capacity];
        }

        internal int Count
        {
            get { return _count; }
        }

        internal int Capacity
        {
            get { return _sequence.Length; }
        }

        internal int BufferBytes
        {
            get { return Capacity * BytesPerRecord; }
        }

        internal void Clear()
        {
            _count = 0;
        }

        /// <summary>Adds a record; the caller checks <see cref="Count"/> against <see cref="Capacity"/> first.</summary>
        internal void Add(long sequence, RecordKind kind, RecordState state, long recorderSequence, long contentLength, bool truncated)
        {
            if (_count == Capacity)
            {
                throw new InvalidOperationException("spool index full");
            }

            _sequence[_count] = sequence;
            _recorderSequence[_count] = (int)recorderSequence;
            _contentLength[_count] = contentLength;
            _kind[_count] = (byte)kind;
            _state[_count] = (byte)state;
            _flags[_count] = truncated ? TruncatedFlag : (byte)0;
            _count++;
        }

        /// <summary>Slot of <paramref name="sequence"/>, or -1.</summary>
        internal int IndexOf(long sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_sequence[i] == sequence)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Slot of the lowest sequence, or -1 when empty.</summary>
        internal int Oldest()
        {
            int best = -1;
            for (int i = 0; i < _count; i++)
            {
                if (best < 0 || _sequence[i] < _sequence[best])
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>Slot of the highest sequence, or -1 when empty.</summary>
        internal int Newest()
        {
            int best = -1;
            for (int i = 0; i < _count; i++)
            {
                if (best < 0 || _sequence[i] > _sequence[best])
                {
                    best = i;
                }
            }

            return best;
        }

        internal void RemoveAt(int slot)
        {
            int last = _count - 1;
            _sequence[slot] = _sequence[last];
            _recorderSequence[slot] = _recorderSequence[last];
            _contentLength[slot] = _contentLength[last];
            _kind[slot] = _kind[last];
            _state[slot] = _state[last];
            _flags[slot] = _flags[last];
            _count = last;
        }

        internal long Sequence(int slot)
        {
            return _sequence[slot];
        }

        internal RecordKind Kind(int slot)
        {
            return (RecordKind)_kind[slot];
        }

        internal RecordState State(int slot)
        {
            return (RecordState)_state[slot];
        }

        internal void SetState(int slot, RecordState state)
        {
            _state[slot] = (byte)state;
        }

        internal long RecorderSequence(int slot)
        {
            return _recorderSequence[slot];
        }

        internal long ContentLength(int slot)
        {
            return _contentLength[slot];
        }

        internal bool Truncated(int slot)
        {
            return (_flags[slot] & TruncatedFlag) != 0;
        }
    }
}

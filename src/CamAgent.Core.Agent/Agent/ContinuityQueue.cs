using System;
using CamAgent.Core.Evidence;
using CamAgent.Core.Time;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Continuity events waiting to be sealed, oldest first, in a fixed ring of
    /// <see cref="AgentConstants.ContinuityQueueCapacity"/> preallocated entries. When full, a
    /// further clock step is merged into the newest queued clock step (steps add up; the record
    /// says the clock moved by the sum), but never into the oldest event, which may already be
    /// sealed and waiting for its commit; any other event is refused and the caller keeps it
    /// pending until sealing makes room. Allocates nothing after construction.
    /// </summary>
    public sealed class ContinuityQueue
    {
        private readonly PendingEvent[] _ring = new PendingEvent[AgentConstants.ContinuityQueueCapacity];
        private int _head;
        private int _count;

        public ContinuityQueue()
        {
            for (int i = 0; i < _ring.Length; i++)
            {
                _ring[i] = new PendingEvent();
            }
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Queues an event with the clock as of <paramref name="mark"/>; false when full and it cannot be merged.</summary>
        public bool Enqueue(ContinuityEvent kind, long detail, TimeMark mark)
        {
            if (kind == ContinuityEvent.None)
            {
                throw new ArgumentException("kind");
            }

            if (_count == _ring.Length)
            {
                return kind == ContinuityEvent.ClockStep && MergeClockStep(detail, mark);
            }

            PendingEvent slot = _ring[(_head + _count) % _ring.Length];
            slot.Event = kind;
            slot.Detail = detail;
            slot.Mark.CopyFrom(mark);
            _count++;
            return true;
        }

        /// <summary>The oldest event, or null when empty. Stays queued until <see cref="Dequeue"/>.</summary>
        public PendingEvent Peek()
        {
            return _count == 0 ? null : _ring[_head];
        }

        /// <summary>Removes the oldest event (after it was sealed and committed).</summary>
        public void Dequeue()
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("queue is empty");
            }

            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        private bool MergeClockStep(long detail, TimeMark mark)
        {
            for (int i = _count - 1; i >= 1; i--)
            {
                PendingEvent entry = _ring[(_head + i) % _ring.Length];
                if (entry.Event == ContinuityEvent.ClockStep)
                {
                    entry.Detail += detail;
                    entry.Mark.CopyFrom(mark);
                    return true;
                }
            }

            return false;
        }
    }
}

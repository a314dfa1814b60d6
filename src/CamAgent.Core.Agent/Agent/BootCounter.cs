using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Counts boots (manifests carry it so monotonic ticks, which restart at every boot, can be
    /// compared only within one boot). This boot's number is persisted before anything is sealed
    /// with it, so two boots that seal records never share a number, even across power cuts: a
    /// boot cut before its count was saved sealed nothing, and the next boot may take its number.
    /// One instance counts one boot: once the count is saved, asking again keeps the number, so a
    /// retried start does not take a new one.
    /// </summary>
    public sealed class BootCounter
    {
        private const int PayloadBytes = 8;

        private readonly DurableRecord _record;
        private readonly byte[] _payload = new byte[PayloadBytes];
        private bool _loaded;
        private long _next;

        public BootCounter(IRecordSlots slots)
        {
            _record = new DurableRecord(slots, AgentConstants.BootCounterRecord, PayloadBytes);
        }

        /// <summary>This boot's number (1 on the first boot); valid once <see cref="IsCounted"/>.</summary>
        public long Current { get; private set; }

        /// <summary>True once this boot's number is durably stored.</summary>
        public bool IsCounted { get; private set; }

        public int BufferBytes
        {
            get { return _record.BufferBytes + _payload.Length; }
        }

        /// <summary>
        /// Counts this boot: reads the stored count and persists it plus one. Once that returned Ok,
        /// further calls return Ok and change nothing. After a failed save the next call saves the
        /// same number again. Statuses: Ok; IoError when no stored copy could be read (nothing is
        /// written: a count taken over an unreadable record could repeat an earlier boot's) or the
        /// save failed; StorageFull. <see cref="Current"/> is valid only after Ok.
        /// </summary>
        public PersistStatus Increment()
        {
            if (IsCounted)
            {
                return PersistStatus.Ok;
            }

            if (!_loaded)
            {
                PersistStatus loaded = Load();
                if (loaded != PersistStatus.Ok)
                {
                    return loaded;
                }
            }

            for (int i = 0; i < PayloadBytes; i++)
            {
                _payload[i] = (byte)(_next >> (8 * (PayloadBytes - 1 - i)));
            }

            PersistStatus saved = _record.Save(_payload, 0, PayloadBytes);
            if (saved == PersistStatus.Ok)
            {
                Current = _next;
                IsCounted = true;
            }

            return saved;
        }

        private PersistStatus Load()
        {
            int length;
            long stored = 0;
            PersistStatus status = _record.Load(_payload, 0, out length);
            if (status == PersistStatus.IoError)
            {
                return status;
            }

            // Missing: never counted (first boot), or both copies torn, which one cut cannot do.
            if (status == PersistStatus.Ok && length == PayloadBytes)
            {
                for (int i = 0; i < PayloadBytes; i++)
                {
                    stored = (stored << 8) | _payload[i];
                }
            }

            _next = stored + 1;
            _loaded = true;
            return PersistStatus.Ok;
        }
    }
}

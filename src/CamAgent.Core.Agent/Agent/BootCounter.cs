using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// Counts boots (manifests carry it so monotonic ticks, which restart at every boot, can be
    /// compared only within one boot). Incremented and persisted once at start-up, before anything
    /// is sealed, so two boots never share a number even across power cuts.
    /// </summary>
    public sealed class BootCounter
    {
        private const int PayloadBytes = 8;

        private readonly DurableRecord _record;
        private readonly byte[] _payload = new byte[PayloadBytes];

        public BootCounter(IRecordSlots slots)
        {
            _record = new DurableRecord(slots, AgentConstants.BootCounterRecord, PayloadBytes);
        }

        /// <summary>This boot's number (1 on the first boot); valid after <see cref="Increment"/>.</summary>
        public long Current { get; private set; }

        public int BufferBytes
        {
            get { return _record.BufferBytes + _payload.Length; }
        }

        /// <summary>Reads the stored count, adds one and persists it. Statuses: Ok, StorageFull, IoError.</summary>
        public PersistStatus Increment()
        {
            int length;
            long stored = 0;
            if (_record.Load(_payload, 0, out length) == PersistStatus.Ok && length == PayloadBytes)
            {
                for (int i = 0; i < PayloadBytes; i++)
                {
                    stored = (stored << 8) | _payload[i];
                }
            }

            Current = stored + 1;
            for (int i = 0; i < PayloadBytes; i++)
            {
                _payload[i] = (byte)(Current >> (8 * (PayloadBytes - 1 - i)));
            }

            return _record.Save(_payload, 0, PayloadBytes);
        }
    }
}

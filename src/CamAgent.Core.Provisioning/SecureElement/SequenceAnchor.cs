using System;

namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// Binds the device-wide sequence number to a monotonic counter of the secure element, so that
    /// restoring an old flash image cannot make the device reuse sequence numbers unnoticed
    /// (docs/secure-element.md §7). The counter value c grants the sequence numbers below
    /// LeaseEnd = (c - base) * K, where base is the counter value when the chain began (persisted
    /// once, with the chain state) and K = <see cref="BlockSize"/>. Before sealing sequence s the
    /// agent calls <see cref="Reserve"/>; when s reaches LeaseEnd the counter is incremented first.
    /// At boot <see cref="Open"/> accepts the persisted next sequence p only if
    /// LeaseEnd - K &lt;= p &lt;= LeaseEnd: a restored image more than K records old is detected.
    /// Wear: one increment per K records; the counter's 2,097,151 increments cover 2,097,151 * K
    /// records. Not thread-safe.
    /// </summary>
    public sealed class SequenceAnchor
    {
        /// <summary>
        /// K = 8: a rollback of more than 8 records is detected, and 2,097,151 * 8 ≈ 16.7 million
        /// records outlast the device (45 years at 1,000 records a day).
        /// </summary>
        public const int DefaultBlockSize = 8;

        private readonly Atecc608 _chip;
        private readonly int _counterId;
        private long _counterBase;
        private bool _open;
        private bool _counterKnown;

        public SequenceAnchor(Atecc608 chip, int counterId, int blockSize)
        {
            if (chip == null)
            {
                throw new ArgumentNullException("chip");
            }

            if (counterId < 0 || counterId > 1)
            {
                throw new ArgumentOutOfRangeException("counterId");
            }

            if (blockSize < 1)
            {
                throw new ArgumentOutOfRangeException("blockSize");
            }

            _chip = chip;
            _counterId = counterId;
            BlockSize = blockSize;
        }

        /// <summary>K: sequence numbers granted per counter increment.</summary>
        public int BlockSize { get; private set; }

        /// <summary>The counter value last read from or returned by the chip.</summary>
        public int CounterValue { get; private set; }

        /// <summary>First sequence number the current counter value does not cover.</summary>
        public long LeaseEnd
        {
            get { return (CounterValue - _counterBase) * BlockSize; }
        }

        /// <summary>The driver's status behind the last DeviceError.</summary>
        public SecureElementStatus LastDeviceStatus { get; private set; }

        /// <summary>
        /// For a new chain (next sequence 0): reads the counter and returns in
        /// <paramref name="counterBase"/> the base to persist with the chain state. The anchor is open.
        /// </summary>
        public AnchorStatus Establish(out long counterBase)
        {
            counterBase = 0;
            AnchorStatus status = ReadCounter();
            if (status != AnchorStatus.Ok)
            {
                return status;
            }

            _counterBase = CounterValue;
            counterBase = _counterBase;
            _open = true;
            return AnchorStatus.Ok;
        }

        /// <summary>
        /// At boot: checks the persisted <paramref name="nextSequence"/> and <paramref name="counterBase"/>
        /// against the chip. Ok opens the anchor; RolledBack and ChipMismatch leave it closed.
        /// </summary>
        public AnchorStatus Open(long counterBase, long nextSequence)
        {
            if (counterBase < 0 || nextSequence < 0)
            {
                throw new ArgumentOutOfRangeException(counterBase < 0 ? "counterBase" : "nextSequence");
            }

            _open = false;
            AnchorStatus status = ReadCounter();
            if (status != AnchorStatus.Ok)
            {
                return status;
            }

            _counterBase = counterBase;
            if (CounterValue < counterBase || nextSequence > LeaseEnd)
            {
                return AnchorStatus.ChipMismatch;
            }

            if (nextSequence < LeaseEnd - BlockSize)
            {
                return AnchorStatus.RolledBack;
            }

            _open = true;
            return AnchorStatus.Ok;
        }

        /// <summary>
        /// Makes sure <paramref name="sequence"/> (the next one to seal; never more than
        /// <see cref="LeaseEnd"/>) is covered, incrementing the counter when the lease is used up.
        /// Only Ok allows sealing it. Throws if the anchor is not open.
        /// </summary>
        public AnchorStatus Reserve(long sequence)
        {
            if (!_open)
            {
                throw new InvalidOperationException("Establish or Open the anchor first");
            }

            if (!_counterKnown)
            {
                // The last increment's answer was lost: the chip may or may not have counted it.
                AnchorStatus resync = ReadCounter();
                if (resync != AnchorStatus.Ok)
                {
                    return resync;
                }
            }

            if (sequence < 0 || sequence > LeaseEnd)
            {
                throw new ArgumentOutOfRangeException("sequence");
            }

            if (sequence < LeaseEnd)
            {
                return AnchorStatus.Ok;
            }

            int value;
            SecureElementStatus incremented = _chip.IncrementCounter(_counterId, out value);
            if (incremented == SecureElementStatus.Ok)
            {
                CounterValue = value;
                return AnchorStatus.Ok;
            }

            LastDeviceStatus = incremented;
            if (incremented == SecureElementStatus.CounterExhausted)
            {
                return AnchorStatus.CounterExhausted;
            }

            _counterKnown = false;
            return AnchorStatus.DeviceError;
        }

        private AnchorStatus ReadCounter()
        {
            int value;
            SecureElementStatus read = _chip.ReadCounter(_counterId, out value);
            if (read != SecureElementStatus.Ok)
            {
                LastDeviceStatus = read;
                _counterKnown = false;
                return AnchorStatus.DeviceError;
            }

            CounterValue = value;
            _counterKnown = true;
            return AnchorStatus.Ok;
        }
    }
}

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// Two independent storage slots per named record (device: two small files on internal flash
    /// I:, e.g. "config.0" and "config.1"). The only guarantees Core assumes:
    /// a Write that returned <see cref="SlotStatus.Ok"/> is durable (flushed); a Write interrupted
    /// by a power cut may leave that slot torn, empty or unchanged, but never touches the other
    /// slot. Core detects torn slots itself (CamAgent.Core.Persistence.DurableRecord).
    /// </summary>
    public interface IRecordSlots
    {
        /// <summary>
        /// Reads slot <paramref name="slot"/> (0 or 1) of record <paramref name="name"/> into
        /// <paramref name="buffer"/> at <paramref name="offset"/>, at most <paramref name="count"/>
        /// bytes; <paramref name="length"/> is the number read. A slot longer than
        /// <paramref name="count"/> returns <see cref="SlotStatus.TooLarge"/>.
        /// Statuses: Ok, Missing, TooLarge, IoError.
        /// </summary>
        SlotStatus Read(string name, int slot, byte[] buffer, int offset, int count, out int length);

        /// <summary>
        /// Replaces the content of the slot with <paramref name="count"/> bytes of
        /// <paramref name="buffer"/> from <paramref name="offset"/> and flushes it.
        /// Statuses: Ok, StorageFull, IoError.
        /// </summary>
        SlotStatus Write(string name, int slot, byte[] buffer, int offset, int count);
    }
}

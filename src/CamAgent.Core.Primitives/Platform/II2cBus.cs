namespace CamAgent.Core.Platform
{
    /// <summary>
    /// One I2C controller as a device driver sees it: whole write and read transactions addressed
    /// to a 7-bit device address, plus the wake pulse that CryptoAuthentication chips need.
    /// Implementations translate platform exceptions into <see cref="I2cStatus"/> values and never
    /// throw for bus conditions (a missing acknowledge is the normal answer of a sleeping or busy chip).
    /// </summary>
    public interface II2cBus
    {
        /// <summary>Writes <paramref name="count"/> bytes from <paramref name="buffer"/> in one transaction.</summary>
        I2cStatus Write(int address, byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads exactly <paramref name="count"/> bytes into <paramref name="buffer"/> in one transaction.
        /// Anything other than <see cref="I2cStatus.Ok"/> leaves the buffer contents undefined.
        /// </summary>
        I2cStatus Read(int address, byte[] buffer, int offset, int count);

        /// <summary>
        /// Holds SDA low for at least 60 µs (ATECC608 tWLO), e.g. by writing 0x00 to address 0x00 at
        /// 100 kHz or slower. Wakes every CryptoAuthentication chip on the bus. A missing acknowledge
        /// is expected and not an error; only a bus that cannot be driven reports a failure.
        /// </summary>
        I2cStatus Wake();
    }
}

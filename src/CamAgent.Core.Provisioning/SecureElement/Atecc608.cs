using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// The ATECC608 commands CamAgent uses (docs/secure-element.md §4): Info, Read (serial number,
    /// lock state), GenKey, Nonce + Sign of an external digest, Counter and Random. Each public call
    /// is one operation: wake, commands, sleep. An operation the chip reports it did not execute
    /// (corrupted packet, watchdog, unexpected wake) is repeated from a fresh wake up to
    /// <see cref="AteccTiming.OperationAttempts"/> times; anything else is returned as it is.
    /// Nothing is written to caller buffers unless the result is Ok. Not thread-safe.
    /// </summary>
    public sealed class Atecc608
    {
        public const int RevisionBytes = 4;
        public const int PublicKeyBytes = 64;
        public const int SignatureBytes = 64;
        public const int DigestBytes = 32;
        public const int RandomBytes = 32;

        private const int CounterBytes = 4;
        private const int WordBytes = 4;
        private const int BlockShift = 3;
        private const int LockWordAddress = AteccProtocol.ConfigLockValueOffset / WordBytes;
        private const int LockValueIndex = AteccProtocol.ConfigLockValueOffset % WordBytes;
        private const int LockConfigIndex = AteccProtocol.ConfigLockConfigOffset % WordBytes;
        private const int SerialFirstPart = 4;
        private const int SerialSecondOffset = 8;
        private const int SerialSecondPart = 5;
        private const byte UnlockedRandomHigh = 0xFF;

        private readonly AteccTransport _transport;
        private readonly byte[] _scratch = new byte[AteccProtocol.ConfigZoneBytes];

        public Atecc608(II2cBus bus, IDelay delay)
            : this(bus, delay, AteccProtocol.DefaultAddress)
        {
        }

        public Atecc608(II2cBus bus, IDelay delay, int address)
        {
            _transport = new AteccTransport(bus, delay, address);
        }

        /// <summary>Completed operations that needed more than one attempt (diagnostics).</summary>
        public int RetriedOperations { get; private set; }

        /// <summary>The Info revision word (4 bytes; 608A: 00 00 60 02, 608B: 00 00 60 03).</summary>
        public SecureElementStatus ReadRevision(byte[] revision, int offset)
        {
            CheckOutput(revision, offset, RevisionBytes);
            SecureElementStatus status = Run(AteccProtocol.OpcodeInfo, AteccProtocol.InfoModeRevision, 0, RevisionBytes);
            return Finish(status, revision, offset, RevisionBytes);
        }

        /// <summary>The whole 128-byte configuration zone (four 32-byte block reads).</summary>
        public SecureElementStatus ReadConfigZone(byte[] config, int offset)
        {
            CheckOutput(config, offset, AteccProtocol.ConfigZoneBytes);
            for (int block = 0; block < AteccProtocol.ConfigZoneBytes / AteccProtocol.BlockBytes; block++)
            {
                byte zone = AteccProtocol.ZoneConfig | AteccProtocol.ReadBlockFlag;
                SecureElementStatus status = Run(AteccProtocol.OpcodeRead, zone, block << BlockShift, AteccProtocol.BlockBytes);
                if (status != SecureElementStatus.Ok)
                {
                    return status;
                }

                Array.Copy(_transport.Response, AteccTransport.ResponseDataOffset, _scratch, block * AteccProtocol.BlockBytes, AteccProtocol.BlockBytes);
            }

            Array.Copy(_scratch, 0, config, offset, AteccProtocol.ConfigZoneBytes);
            return SecureElementStatus.Ok;
        }

        /// <summary>The 9-byte serial number: config bytes 0-3 followed by bytes 8-12.</summary>
        public SecureElementStatus ReadSerialNumber(byte[] serial, int offset)
        {
            CheckOutput(serial, offset, AteccProtocol.SerialNumberBytes);
            byte zone = AteccProtocol.ZoneConfig | AteccProtocol.ReadBlockFlag;
            SecureElementStatus status = Run(AteccProtocol.OpcodeRead, zone, 0, AteccProtocol.BlockBytes);
            if (status != SecureElementStatus.Ok)
            {
                return status;
            }

            byte[] response = _transport.Response;
            Array.Copy(response, AteccTransport.ResponseDataOffset, serial, offset, SerialFirstPart);
            Array.Copy(response, AteccTransport.ResponseDataOffset + SerialSecondOffset, serial, offset + SerialFirstPart, SerialSecondPart);
            return SecureElementStatus.Ok;
        }

        /// <summary>Lock state from config bytes 86 (data/OTP) and 87 (configuration).</summary>
        public SecureElementStatus ReadLockState(out bool configLocked, out bool dataLocked)
        {
            configLocked = false;
            dataLocked = false;
            SecureElementStatus status = Run(AteccProtocol.OpcodeRead, AteccProtocol.ZoneConfig, LockWordAddress, WordBytes);
            if (status != SecureElementStatus.Ok)
            {
                return status;
            }

            byte[] response = _transport.Response;
            dataLocked = response[AteccTransport.ResponseDataOffset + LockValueIndex] != AteccProtocol.UnlockedMarker;
            configLocked = response[AteccTransport.ResponseDataOffset + LockConfigIndex] != AteccProtocol.UnlockedMarker;
            return SecureElementStatus.Ok;
        }

        /// <summary>
        /// Creates a new random private key in <paramref name="slot"/> (replacing any key there) and
        /// writes its public key X || Y (64 bytes). The chip refuses while its configuration is unlocked.
        /// </summary>
        public SecureElementStatus GenerateKey(int slot, byte[] publicKey, int offset)
        {
            CheckSlot(slot);
            CheckOutput(publicKey, offset, PublicKeyBytes);
            SecureElementStatus status = Run(AteccProtocol.OpcodeGenKey, AteccProtocol.GenKeyModePrivate, slot, PublicKeyBytes);
            return Finish(status, publicKey, offset, PublicKeyBytes);
        }

        /// <summary>The public key X || Y (64 bytes) of the private key in <paramref name="slot"/>.</summary>
        public SecureElementStatus ReadPublicKey(int slot, byte[] publicKey, int offset)
        {
            CheckSlot(slot);
            CheckOutput(publicKey, offset, PublicKeyBytes);
            SecureElementStatus status = Run(AteccProtocol.OpcodeGenKey, AteccProtocol.GenKeyModePublic, slot, PublicKeyBytes);
            return Finish(status, publicKey, offset, PublicKeyBytes);
        }

        /// <summary>
        /// Signs a 32-byte digest with the key in <paramref name="slot"/>: Nonce pass-through loads the
        /// digest into TempKey, then Sign mode 0x80 (external message) signs it, within one wake so
        /// TempKey cannot be lost in between. Writes r || s (64 bytes, big-endian).
        /// </summary>
        public SecureElementStatus SignDigest(int slot, byte[] digest, int digestOffset, byte[] signature, int signatureOffset)
        {
            CheckSlot(slot);
            CheckOutput(digest, digestOffset, DigestBytes);
            CheckOutput(signature, signatureOffset, SignatureBytes);
            SecureElementStatus status = SecureElementStatus.WatchdogExpired;
            for (int attempt = 0; attempt < AteccTiming.OperationAttempts && IsNotExecuted(status); attempt++)
            {
                CountRetry(attempt);
                status = _transport.Execute(AteccProtocol.OpcodeNonce, AteccProtocol.NonceModePassThrough, 0, digest, digestOffset, DigestBytes, 0);
                if (status == SecureElementStatus.Ok)
                {
                    status = _transport.Execute(AteccProtocol.OpcodeSign, AteccProtocol.SignModeExternal, slot, null, 0, 0, SignatureBytes);
                }

                // The operation's status is what counts; a chip that missed the sleep command
                // falls asleep by its own watchdog and the next wake starts clean either way.
                _ = _transport.Sleep();
            }

            return Finish(status, signature, signatureOffset, SignatureBytes);
        }

        /// <summary>Reads monotonic counter <paramref name="counterId"/> (0 or 1).</summary>
        public SecureElementStatus ReadCounter(int counterId, out int value)
        {
            return RunCounter(AteccProtocol.CounterModeRead, counterId, out value);
        }

        /// <summary>
        /// Increments counter <paramref name="counterId"/> and returns its new value. At
        /// <see cref="AteccProtocol.CounterMax"/> the chip refuses: CounterExhausted.
        /// </summary>
        public SecureElementStatus IncrementCounter(int counterId, out int value)
        {
            SecureElementStatus status = RunCounter(AteccProtocol.CounterModeIncrement, counterId, out value);
            if (status != SecureElementStatus.ExecutionError)
            {
                return status;
            }

            int current;
            if (RunCounter(AteccProtocol.CounterModeRead, counterId, out current) == SecureElementStatus.Ok && current >= AteccProtocol.CounterMax)
            {
                value = current;
                return SecureElementStatus.CounterExhausted;
            }

            return status;
        }

        /// <summary>
        /// 32 random bytes from the chip's RNG. An unlocked chip returns a fixed test pattern
        /// (FF FF 00 00 ...) instead of random data: reported as NotLocked, never passed on.
        /// </summary>
        public SecureElementStatus Random(byte[] buffer, int offset)
        {
            CheckOutput(buffer, offset, RandomBytes);
            SecureElementStatus status = Run(AteccProtocol.OpcodeRandom, AteccProtocol.RandomModeSeedUpdate, 0, RandomBytes);
            if (status == SecureElementStatus.Ok && IsUnlockedRandomPattern())
            {
                return SecureElementStatus.NotLocked;
            }

            return Finish(status, buffer, offset, RandomBytes);
        }

        private SecureElementStatus RunCounter(byte mode, int counterId, out int value)
        {
            if (counterId < 0 || counterId > 1)
            {
                throw new ArgumentOutOfRangeException("counterId");
            }

            value = 0;
            SecureElementStatus status = Run(AteccProtocol.OpcodeCounter, mode, counterId, CounterBytes);
            if (status == SecureElementStatus.Ok)
            {
                value = ReadLittleEndian(_transport.Response, AteccTransport.ResponseDataOffset);
            }

            return status;
        }

        // One command without data as one operation: wake, execute, sleep; repeated while the chip did not execute it.
        private SecureElementStatus Run(byte opcode, byte param1, int param2, int expectedDataBytes)
        {
            SecureElementStatus status = SecureElementStatus.WatchdogExpired;
            for (int attempt = 0; attempt < AteccTiming.OperationAttempts && IsNotExecuted(status); attempt++)
            {
                CountRetry(attempt);
                status = _transport.Execute(opcode, param1, param2, null, 0, 0, expectedDataBytes);
                _ = _transport.Sleep(); // as in Sign: the watchdog puts a chip that missed it to sleep
            }

            return status;
        }

        private SecureElementStatus Finish(SecureElementStatus status, byte[] output, int offset, int count)
        {
            if (status == SecureElementStatus.Ok)
            {
                Array.Copy(_transport.Response, AteccTransport.ResponseDataOffset, output, offset, count);
            }

            return status;
        }

        private void CountRetry(int attempt)
        {
            if (attempt == 1)
            {
                RetriedOperations++;
            }
        }

        // The chip's answer proves the command never ran, so repeating it cannot run it twice.
        private static bool IsNotExecuted(SecureElementStatus status)
        {
            return status == SecureElementStatus.CommandCorrupted || status == SecureElementStatus.WatchdogExpired;
        }

        private bool IsUnlockedRandomPattern()
        {
            byte[] response = _transport.Response;
            for (int i = 0; i < RandomBytes; i++)
            {
                byte expected = (i % WordBytes) < 2 ? UnlockedRandomHigh : (byte)0;
                if (response[AteccTransport.ResponseDataOffset + i] != expected)
                {
                    return false;
                }
            }

            return true;
        }

        private static int ReadLittleEndian(byte[] buffer, int offset)
        {
            int value = 0;
            for (int i = CounterBytes - 1; i >= 0; i--)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static void CheckSlot(int slot)
        {
            if (slot < 0 || slot > AteccProtocol.MaxSlot)
            {
                throw new ArgumentOutOfRangeException("slot");
            }
        }

        private static void CheckOutput(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset");
            }
        }
    }
}

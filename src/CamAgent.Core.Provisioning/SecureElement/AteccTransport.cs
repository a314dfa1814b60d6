using System;
using CamAgent.Core.Platform;

namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// The ATECC608 I2C link layer (docs/secure-element.md §3): wake, sleep and idle, command packets
    /// with CRC, polling a busy chip up to the data-sheet maximum execution time, and re-reading a
    /// response whose CRC failed (after a Reset word address the chip replays its output buffer, so
    /// a garbled answer never makes the driver run a command twice). Every loop is bounded by the
    /// constants in <see cref="AteccTiming"/>. Buffers are allocated once; not thread-safe.
    /// </summary>
    public sealed class AteccTransport
    {
        /// <summary>Offset of the first data (or status) byte in <see cref="Response"/>.</summary>
        public const int ResponseDataOffset = 1;

        private const int WakeTokenStatusOffset = 1;
        private const int PacketCountOffset = 1;
        private const int OpcodeOffset = 2;
        private const int Param1Offset = 3;
        private const int Param2Offset = 4;
        private const int DataOffset = 6;
        private const int ByteMask = 0xFF;
        private const int BitsPerByte = 8;

        private readonly II2cBus _bus;
        private readonly IDelay _delay;
        private readonly int _address;
        private readonly byte[] _command = new byte[1 + AteccProtocol.CommandOverheadBytes + AteccProtocol.MaxCommandDataBytes];
        private readonly byte[] _response = new byte[AteccProtocol.ResponseOverheadBytes + AteccProtocol.MaxResponseDataBytes];
        private readonly byte[] _wordAddress = new byte[1];
        private bool _awake;

        public AteccTransport(II2cBus bus, IDelay delay, int address)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            if (delay == null)
            {
                throw new ArgumentNullException("delay");
            }

            if (address < 1 || address > 0x7F)
            {
                throw new ArgumentOutOfRangeException("address");
            }

            _bus = bus;
            _delay = delay;
            _address = address;
        }

        /// <summary>The last response; data starts at <see cref="ResponseDataOffset"/>. Owned by the transport.</summary>
        public byte[] Response
        {
            get { return _response; }
        }

        /// <summary>Data bytes of the last successful response.</summary>
        public int ResponseDataLength { get; private set; }

        /// <summary>
        /// Wakes the chip and checks its wake token (0x04 0x11 0x33 0x43). Returns Ok, NoResponse
        /// after <see cref="AteccTiming.WakeAttempts"/> pulses, or BusError.
        /// </summary>
        public SecureElementStatus Wake()
        {
            for (int attempt = 0; attempt < AteccTiming.WakeAttempts; attempt++)
            {
                if (_bus.Wake() == I2cStatus.BusError)
                {
                    return SecureElementStatus.BusError;
                }

                _delay.Wait(AteccTiming.WakeHighDelayMs);
                I2cStatus read = _bus.Read(_address, _response, 0, AteccProtocol.StatusResponseBytes);
                if (read == I2cStatus.BusError)
                {
                    return SecureElementStatus.BusError;
                }

                if (read == I2cStatus.Ok && IsWakeToken())
                {
                    _awake = true;
                    return SecureElementStatus.Ok;
                }

                if (read == I2cStatus.Ok)
                {
                    // Already awake with an old answer pending: a wake pulse does not reset an awake
                    // chip, sleep does, so the next pulse starts from a known state.
                    _ = WriteWordAddress(AteccProtocol.WordAddressSleep); // the next wake attempt judges the result
                }
            }

            _awake = false;
            return SecureElementStatus.NoResponse;
        }

        /// <summary>Puts the chip to sleep (TempKey and RNG state are cleared). A sleeping chip's NACK is fine.</summary>
        public SecureElementStatus Sleep()
        {
            _awake = false;
            return WriteWordAddress(AteccProtocol.WordAddressSleep) == I2cStatus.BusError ? SecureElementStatus.BusError : SecureElementStatus.Ok;
        }

        /// <summary>Puts the chip in idle: TempKey survives until the next wake, the watchdog stops.</summary>
        public SecureElementStatus Idle()
        {
            _awake = false;
            return WriteWordAddress(AteccProtocol.WordAddressIdle) == I2cStatus.BusError ? SecureElementStatus.BusError : SecureElementStatus.Ok;
        }

        /// <summary>
        /// Sends one command and reads its response, waking the chip first if needed. On Ok the
        /// response holds exactly <paramref name="expectedDataBytes"/> data bytes, or one status byte
        /// 0x00 when <paramref name="expectedDataBytes"/> is 0. Chip status codes come back mapped;
        /// CommandCorrupted and WatchdogExpired mean the chip did not execute the command.
        /// </summary>
        public SecureElementStatus Execute(byte opcode, byte param1, int param2, byte[] data, int dataOffset, int dataCount, int expectedDataBytes)
        {
            CheckCommand(param2, data, dataOffset, dataCount, expectedDataBytes);
            ResponseDataLength = 0;
            if (!_awake)
            {
                SecureElementStatus woke = Wake();
                if (woke != SecureElementStatus.Ok)
                {
                    return woke;
                }
            }

            int length = BuildPacket(opcode, param1, param2, data, dataOffset, dataCount);
            I2cStatus written = _bus.Write(_address, _command, 0, length);
            if (written != I2cStatus.Ok)
            {
                // A NACK here means the watchdog put the chip to sleep since the last exchange.
                _awake = false;
                return written == I2cStatus.BusError ? SecureElementStatus.BusError : SecureElementStatus.WatchdogExpired;
            }

            SecureElementStatus received = ReceiveResponse(opcode);
            if (received != SecureElementStatus.Ok)
            {
                return received;
            }

            return Interpret(expectedDataBytes);
        }

        private int BuildPacket(byte opcode, byte param1, int param2, byte[] data, int dataOffset, int dataCount)
        {
            int count = AteccProtocol.CommandOverheadBytes + dataCount;
            _command[0] = AteccProtocol.WordAddressCommand;
            _command[PacketCountOffset] = (byte)count;
            _command[OpcodeOffset] = opcode;
            _command[Param1Offset] = param1;
            _command[Param2Offset] = (byte)(param2 & ByteMask);
            _command[Param2Offset + 1] = (byte)((param2 >> BitsPerByte) & ByteMask);
            if (dataCount > 0)
            {
                Array.Copy(data, dataOffset, _command, DataOffset, dataCount);
            }

            AteccCrc.Append(_command, PacketCountOffset, count - AteccProtocol.CrcBytes);
            return 1 + count;
        }

        // Data sheet "Command Execution": the chip NACKs its address until the result is ready.
        private SecureElementStatus ReceiveResponse(byte opcode)
        {
            int polls = AteccTiming.MaxPolls(opcode);
            for (int poll = 0; poll < polls; poll++)
            {
                _delay.Wait(AteccTiming.PollIntervalMs);
                I2cStatus read = _bus.Read(_address, _response, 0, 1);
                if (read == I2cStatus.BusError)
                {
                    return SecureElementStatus.BusError;
                }

                if (read == I2cStatus.Ok)
                {
                    return ReadBodyWithRereads();
                }
            }

            // Still executing after its maximum time: the next exchange must start with a fresh wake.
            _awake = false;
            return SecureElementStatus.Busy;
        }

        private SecureElementStatus ReadBodyWithRereads()
        {
            for (int reread = 0; ; reread++)
            {
                if (ReadBody())
                {
                    return SecureElementStatus.Ok;
                }

                if (reread >= AteccTiming.ResponseRereads)
                {
                    return SecureElementStatus.CommunicationError;
                }

                if (WriteWordAddress(AteccProtocol.WordAddressReset) != I2cStatus.Ok
                    || _bus.Read(_address, _response, 0, 1) != I2cStatus.Ok)
                {
                    return SecureElementStatus.CommunicationError;
                }
            }
        }

        // The count byte is already in _response[0]; reads the rest and checks framing and CRC.
        private bool ReadBody()
        {
            int count = _response[0];
            if (count < AteccProtocol.StatusResponseBytes || count > _response.Length)
            {
                return false;
            }

            if (_bus.Read(_address, _response, 1, count - 1) != I2cStatus.Ok)
            {
                return false;
            }

            return AteccCrc.Matches(_response, 0, count - AteccProtocol.CrcBytes);
        }

        private SecureElementStatus Interpret(int expectedDataBytes)
        {
            int dataLength = _response[0] - AteccProtocol.ResponseOverheadBytes;
            if (dataLength == 1 && expectedDataBytes != 1)
            {
                SecureElementStatus status = AteccStatusCodes.ToStatus(_response[ResponseDataOffset]);
                if (status == SecureElementStatus.Ok && expectedDataBytes != 0)
                {
                    return SecureElementStatus.UnexpectedResponse;
                }

                return status;
            }

            if (dataLength != expectedDataBytes)
            {
                return SecureElementStatus.UnexpectedResponse;
            }

            ResponseDataLength = dataLength;
            return SecureElementStatus.Ok;
        }

        private bool IsWakeToken()
        {
            return _response[0] == AteccProtocol.WakeResponseCount
                && _response[WakeTokenStatusOffset] == AteccProtocol.StatusAfterWake
                && AteccCrc.Matches(_response, 0, AteccProtocol.StatusResponseBytes - AteccProtocol.CrcBytes);
        }

        private I2cStatus WriteWordAddress(byte wordAddress)
        {
            _wordAddress[0] = wordAddress;
            return _bus.Write(_address, _wordAddress, 0, 1);
        }

        private static void CheckCommand(int param2, byte[] data, int dataOffset, int dataCount, int expectedDataBytes)
        {
            if (param2 < 0 || param2 > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("param2");
            }

            if (dataCount < 0 || dataCount > AteccProtocol.MaxCommandDataBytes || (dataCount > 0 && data == null))
            {
                throw new ArgumentOutOfRangeException("dataCount");
            }

            if (dataCount > 0 && (dataOffset < 0 || dataOffset > data.Length - dataCount))
            {
                throw new ArgumentOutOfRangeException("dataOffset");
            }

            if (expectedDataBytes < 0 || expectedDataBytes > AteccProtocol.MaxResponseDataBytes)
            {
                throw new ArgumentOutOfRangeException("expectedDataBytes");
            }
        }
    }
}

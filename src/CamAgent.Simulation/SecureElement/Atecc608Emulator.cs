using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;

namespace CamAgent.Simulation.SecureElement;

/// <summary>
/// A behavioural ATECC608 on an I2C bus (docs/secure-element.md §6), for host tests and the
/// simulator: real packet format and CRC, real P-256 keys and ECDSA inside, sleep/idle/awake with
/// the wake delay and the ~1.3 s watchdog, NACK while executing, lock rules, counter limits.
/// Time comes from an <see cref="EmulatorClock"/>, so nothing sleeps. Faults can be injected:
/// corrupted responses or commands, ignored wakes, commands that run too long.
/// </summary>
public sealed class Atecc608Emulator : II2cBus, IDisposable
{
    /// <summary>Wake-up to ready (data sheet tWHI 1.5 ms, rounded up to the clock's 1 ms).</summary>
    public const int WakeDelayMs = 2;

    private static readonly byte[] WakeToken = { 0x04, 0x11, 0x33, 0x43 };

    private readonly EmulatorClock _clock;
    private readonly EmulatedAteccState _state = new();
    private readonly Dictionary<byte, int> _executed = new();
    private ChipPower _power = ChipPower.Sleep;
    private long _wokeAtMs;
    private long _readyAtMs;
    private byte[] _output = Array.Empty<byte>();
    private int _readPointer;
    private bool _outputIsResponse;

    public Atecc608Emulator(EmulatorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    private enum ChipPower
    {
        Sleep,
        Idle,
        Awake,
    }

    /// <summary>Emulated execution time per opcode (below the data-sheet maxima the driver allows).</summary>
    public static int ExecutionMs(byte opcode) => opcode switch
    {
        AteccProtocol.OpcodeRead or AteccProtocol.OpcodeInfo => 1,
        AteccProtocol.OpcodeNonce => 7,
        AteccProtocol.OpcodeCounter => 12,
        AteccProtocol.OpcodeRandom => 15,
        AteccProtocol.OpcodeSign => 50,
        AteccProtocol.OpcodeGenKey => 60,
        _ => 1,
    };

    public int Address { get; init; } = AteccProtocol.DefaultAddress;

    public int WatchdogMs { get; set; } = AteccTiming.WatchdogMs;

    /// <summary>The next N responses are read with their last CRC byte flipped.</summary>
    public int CorruptResponses { get; set; }

    /// <summary>The next N command packets arrive damaged (the chip answers 0xFF and does not execute).</summary>
    public int CorruptCommands { get; set; }

    /// <summary>The chip does not react to wake pulses (absent, unpowered, or a broken SDA line).</summary>
    public bool IgnoreWakes { get; set; }

    /// <summary>Added to every command's execution time (a chip that hangs or runs slow).</summary>
    public int ExtraExecutionMs { get; set; }

    /// <summary>Every I2C transaction and wake pulse the host made.</summary>
    public int Transactions { get; private set; }

    public int WakePulses { get; private set; }

    /// <summary>Bytes moved in acknowledged transactions, excluding address bytes (for bus-time estimates).</summary>
    public long BytesTransferred { get; private set; }

    public byte[] SerialNumber => _state.SerialNumber;

    public bool ConfigLocked => _state.ConfigLocked;

    public bool DataLocked => _state.DataLocked;

    public bool IsAsleep => _power == ChipPower.Sleep;

    /// <summary>Locks the configuration zone, as the Lock command (or the factory) does.</summary>
    public void LockConfiguration() => _state.Config[AteccProtocol.ConfigLockConfigOffset] = AteccProtocol.LockedMarker;

    public void LockData() => _state.Config[AteccProtocol.ConfigLockValueOffset] = AteccProtocol.LockedMarker;

    public void SetCounter(int counterId, int value) => _state.SetCounter(counterId, value);

    public int GetCounter(int counterId) => _state.GetCounter(counterId);

    /// <summary>How many times the chip executed <paramref name="opcode"/>.</summary>
    public int ExecutedCount(byte opcode) => _executed.GetValueOrDefault(opcode);

    public I2cStatus Wake()
    {
        Transactions++;
        WakePulses++;
        UpdatePower();
        if (!IgnoreWakes && _power != ChipPower.Awake)
        {
            _power = ChipPower.Awake;
            _wokeAtMs = _clock.ElapsedMs;
            _readyAtMs = _clock.ElapsedMs + WakeDelayMs;
            SetOutput(WakeToken);
        }

        return I2cStatus.Ok;
    }

    public I2cStatus Write(int address, byte[] buffer, int offset, int count)
    {
        Transactions++;
        if (!Acknowledges(address) || count < 1)
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        BytesTransferred += count;
        switch (buffer[offset])
        {
            case AteccProtocol.WordAddressReset:
                _readPointer = 0;
                break;
            case AteccProtocol.WordAddressSleep:
                _power = ChipPower.Sleep;
                _state.ClearTempKey();
                break;
            case AteccProtocol.WordAddressIdle:
                _power = ChipPower.Idle;
                break;
            case AteccProtocol.WordAddressCommand:
                ReceiveCommand(buffer.AsSpan(offset + 1, count - 1));
                break;
        }

        return I2cStatus.Ok;
    }

    public I2cStatus Read(int address, byte[] buffer, int offset, int count)
    {
        Transactions++;
        if (!Acknowledges(address))
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        BytesTransferred += count;
        for (int i = 0; i < count; i++)
        {
            int index = _readPointer + i;
            buffer[offset + i] = index < _output.Length ? _output[index] : (byte)0xFF;
        }

        _readPointer += count;
        if (_outputIsResponse && _readPointer >= _output.Length && CorruptResponses > 0 && count > 1)
        {
            CorruptResponses--;
            buffer[offset + count - 1] ^= 0x5A;
        }

        return I2cStatus.Ok;
    }

    private bool Acknowledges(int address)
    {
        UpdatePower();
        return address == Address && _power == ChipPower.Awake && _clock.ElapsedMs >= _readyAtMs;
    }

    // Data sheet "Watchdog Failsafe": tWATCHDOG after wake the chip goes to sleep whatever it is doing.
    private void UpdatePower()
    {
        if (_power == ChipPower.Awake && _clock.ElapsedMs - _wokeAtMs >= WatchdogMs)
        {
            _power = ChipPower.Sleep;
            _state.ClearTempKey();
        }
    }

    private void ReceiveCommand(ReadOnlySpan<byte> packet)
    {
        bool damaged = CorruptCommands > 0;
        if (damaged)
        {
            CorruptCommands--;
        }

        int count = packet.Length > 0 ? packet[0] : 0;
        byte[] copy = packet.ToArray();
        if (damaged || count != packet.Length || count < AteccProtocol.CommandOverheadBytes || !AteccCrc.Matches(copy, 0, count - AteccProtocol.CrcBytes))
        {
            Respond([AteccProtocol.StatusCommunicationError], 0);
            return;
        }

        byte opcode = packet[1];
        int executionMs = ExecutionMs(opcode) + ExtraExecutionMs;
        if (_clock.ElapsedMs + executionMs >= _wokeAtMs + WatchdogMs)
        {
            Respond([AteccProtocol.StatusWatchdogAboutToExpire], 0);
            return;
        }

        _executed[opcode] = ExecutedCount(opcode) + 1;
        byte[] data = _state.Execute(opcode, packet[2], packet[3] | (packet[4] << 8), packet[5..(count - AteccProtocol.CrcBytes)]);
        Respond(data, executionMs);
    }

    private void Respond(byte[] data, int executionMs)
    {
        byte[] response = new byte[data.Length + AteccProtocol.ResponseOverheadBytes];
        response[0] = (byte)response.Length;
        data.CopyTo(response, 1);
        AteccCrc.Append(response, 0, response.Length - AteccProtocol.CrcBytes);
        SetOutput(response);
        _outputIsResponse = true;
        _readyAtMs = _clock.ElapsedMs + executionMs;
    }

    private void SetOutput(byte[] output)
    {
        _outputIsResponse = false;
        _output = output;
        _readPointer = 0;
    }

    public void Dispose() => _state.Dispose();
}

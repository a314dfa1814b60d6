using System.Security.Cryptography;
using CamAgent.Core.SecureElement;

namespace CamAgent.Simulation.SecureElement;

/// <summary>
/// The persistent and volatile state of an emulated ATECC608 and its command semantics
/// (docs/secure-element.md §6): configuration zone with serial number and lock bytes, P-256 keys
/// per slot (real .NET ECDsa), TempKey, two monotonic counters and the RNG.
/// </summary>
internal sealed class EmulatedAteccState : IDisposable
{
    private const int KeySlots = 16;
    private const int PrivateKeySlots = 8;
    private const int CoordinateBytes = 32;
    private const int SerialFirstByte = 0x01;
    private const int SerialSecondByte = 0x23;
    private const int SerialLastOffset = 12;
    private const byte SerialLastByte = 0xEE;
    private const int RevisionOffset = 4;
    private const int I2cAddressOffset = 16;
    private static readonly byte[] Revision = { 0x00, 0x00, 0x60, 0x02 };

    private readonly ECDsa?[] _keys = new ECDsa?[KeySlots];
    private readonly int[] _counters = new int[2];
    private readonly byte[] _tempKey = new byte[32];
    private bool _tempKeyValid;

    public EmulatedAteccState()
    {
        RandomNumberGenerator.Fill(Config.AsSpan(0, 16));
        Config[0] = SerialFirstByte;
        Config[1] = SerialSecondByte;
        Revision.CopyTo(Config, RevisionOffset);
        Config[SerialLastOffset] = SerialLastByte;
        Config[I2cAddressOffset] = AteccProtocol.DefaultAddress << 1;
        Config[AteccProtocol.ConfigLockValueOffset] = AteccProtocol.UnlockedMarker;
        Config[AteccProtocol.ConfigLockConfigOffset] = AteccProtocol.UnlockedMarker;
    }

    public byte[] Config { get; } = new byte[AteccProtocol.ConfigZoneBytes];

    public bool ConfigLocked => Config[AteccProtocol.ConfigLockConfigOffset] == AteccProtocol.LockedMarker;

    public bool DataLocked => Config[AteccProtocol.ConfigLockValueOffset] == AteccProtocol.LockedMarker;

    /// <summary>The 9-byte serial number as the data sheet defines it (config bytes 0-3, 8-12).</summary>
    public byte[] SerialNumber => [.. Config.AsSpan(0, 4), .. Config.AsSpan(8, 5)];

    public void SetCounter(int counterId, int value) => _counters[counterId] = value;

    public int GetCounter(int counterId) => _counters[counterId];

    public ECDsa? KeyIn(int slot) => _keys[slot];

    public void ClearTempKey()
    {
        _tempKeyValid = false;
        Array.Clear(_tempKey);
    }

    /// <summary>Runs one well-formed command; returns the response data (one status byte for errors).</summary>
    public byte[] Execute(byte opcode, byte param1, int param2, ReadOnlySpan<byte> data)
    {
        return opcode switch
        {
            AteccProtocol.OpcodeInfo => param1 == AteccProtocol.InfoModeRevision ? (byte[])Revision.Clone() : Status(AteccProtocol.StatusParseError),
            AteccProtocol.OpcodeRead => Read(param1, param2),
            AteccProtocol.OpcodeGenKey => GenKey(param1, param2),
            AteccProtocol.OpcodeNonce => Nonce(param1, data),
            AteccProtocol.OpcodeSign => Sign(param1, param2),
            AteccProtocol.OpcodeCounter => Counter(param1, param2),
            AteccProtocol.OpcodeRandom => Random(),
            _ => Status(AteccProtocol.StatusParseError),
        };
    }

    private byte[] Read(byte param1, int address)
    {
        if ((param1 & 0x03) != AteccProtocol.ZoneConfig)
        {
            return Status(AteccProtocol.StatusParseError);
        }

        int block = (address >> 3) & 0x03;
        int word = address & 0x07;
        bool whole = (param1 & AteccProtocol.ReadBlockFlag) != 0;
        int start = block * AteccProtocol.BlockBytes + (whole ? 0 : word * 4);
        return Config.AsSpan(start, whole ? AteccProtocol.BlockBytes : 4).ToArray();
    }

    // Data sheet: GenKey needs a locked configuration; private keys only in slots set up for them.
    private byte[] GenKey(byte mode, int slot)
    {
        if (slot >= PrivateKeySlots || !ConfigLocked)
        {
            return Status(AteccProtocol.StatusExecutionError);
        }

        if (mode == AteccProtocol.GenKeyModePrivate)
        {
            _keys[slot]?.Dispose();
            _keys[slot] = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else if (mode != AteccProtocol.GenKeyModePublic)
        {
            return Status(AteccProtocol.StatusParseError);
        }

        ECDsa? key = _keys[slot];
        if (key is null)
        {
            return Status(AteccProtocol.StatusExecutionError);
        }

        ECParameters parameters = key.ExportParameters(false);
        return [.. parameters.Q.X!, .. parameters.Q.Y!];
    }

    private byte[] Nonce(byte mode, ReadOnlySpan<byte> data)
    {
        if (mode != AteccProtocol.NonceModePassThrough || data.Length != _tempKey.Length)
        {
            return Status(AteccProtocol.StatusParseError);
        }

        data.CopyTo(_tempKey);
        _tempKeyValid = true;
        return Status(AteccProtocol.StatusSuccess);
    }

    private byte[] Sign(byte mode, int slot)
    {
        if (mode != AteccProtocol.SignModeExternal || slot >= KeySlots)
        {
            return Status(AteccProtocol.StatusParseError);
        }

        ECDsa? key = _keys[slot];
        if (!ConfigLocked || !DataLocked || !_tempKeyValid || key is null)
        {
            return Status(AteccProtocol.StatusExecutionError);
        }

        byte[] signature = key.SignHash(_tempKey, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        ClearTempKey();
        return signature;
    }

    private byte[] Counter(byte mode, int counterId)
    {
        if (counterId > 1 || (mode != AteccProtocol.CounterModeRead && mode != AteccProtocol.CounterModeIncrement))
        {
            return Status(AteccProtocol.StatusParseError);
        }

        if (mode == AteccProtocol.CounterModeIncrement)
        {
            if (_counters[counterId] >= AteccProtocol.CounterMax)
            {
                return Status(AteccProtocol.StatusExecutionError);
            }

            _counters[counterId]++;
        }

        return BitConverter.GetBytes(_counters[counterId]);
    }

    // Data sheet: before the configuration is locked, Random returns a fixed pattern, not random data.
    private byte[] Random()
    {
        byte[] output = new byte[Atecc608.RandomBytes];
        if (!ConfigLocked)
        {
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = (i % 4) < 2 ? (byte)0xFF : (byte)0x00;
            }

            return output;
        }

        RandomNumberGenerator.Fill(output);
        return output;
    }

    private static byte[] Status(byte status) => [status];

    public void Dispose()
    {
        foreach (ECDsa? key in _keys)
        {
            key?.Dispose();
        }
    }
}

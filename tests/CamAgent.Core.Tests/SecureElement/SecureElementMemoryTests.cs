using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;
using CamAgent.Simulation.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

public sealed class SecureElementMemoryTests
{
    [Fact]
    public void Signing_Through_The_Driver_Allocates_Nothing_After_The_First_Signature()
    {
        var bus = new ReplayChip();
        var signer = new SecureElementSigner(new Atecc608(bus, new EmulatorClock()), 0);
        byte[] digest = new byte[32];
        byte[] signature = new byte[64];
        Assert.Equal(SignerStatus.Ok, signer.SignDigest(digest, 0, signature, 0));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            signer.SignDigest(digest, 0, signature, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(ReplayChip.SignatureByte, signature[63]);
    }

    /// <summary>
    /// A chip that answers from prepared, CRC-correct responses without allocating, so the
    /// measurement sees only the driver (the behavioural emulator allocates for its .NET ECDSA).
    /// </summary>
    private sealed class ReplayChip : II2cBus
    {
        public const byte SignatureByte = 0x5A;

        private readonly byte[] _wake = { 0x04, 0x11, 0x33, 0x43 };
        private readonly byte[] _success = Framed(new byte[] { 0x00 });
        private readonly byte[] _locked = Framed(new byte[] { 0x00, 0x00, 0x00, 0x00 });
        private readonly byte[] _signature = Framed(Enumerable.Repeat(SignatureByte, 64).ToArray());
        private byte[] _output = Array.Empty<byte>();
        private int _pointer;

        public I2cStatus Wake()
        {
            _output = _wake;
            _pointer = 0;
            return I2cStatus.Ok;
        }

        public I2cStatus Write(int address, byte[] buffer, int offset, int count)
        {
            if (buffer[offset] == AteccProtocol.WordAddressCommand)
            {
                byte opcode = buffer[offset + 2];
                _output = opcode == AteccProtocol.OpcodeSign ? _signature : opcode == AteccProtocol.OpcodeRead ? _locked : _success;
            }

            _pointer = 0;
            return I2cStatus.Ok;
        }

        public I2cStatus Read(int address, byte[] buffer, int offset, int count)
        {
            Array.Copy(_output, _pointer, buffer, offset, count);
            _pointer += count;
            return I2cStatus.Ok;
        }

        private static byte[] Framed(byte[] data)
        {
            byte[] response = new byte[data.Length + 3];
            response[0] = (byte)response.Length;
            data.CopyTo(response, 1);
            AteccCrc.Append(response, 0, response.Length - 2);
            return response;
        }
    }
}

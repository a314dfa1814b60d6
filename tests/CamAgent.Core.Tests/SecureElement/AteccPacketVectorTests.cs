using System.Text.Json;
using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;
using CamAgent.Simulation.SecureElement;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.SecureElement;

/// <summary>The driver's packets match tests/vectors/atecc608-packets.json byte for byte.</summary>
public sealed class AteccPacketVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, "atecc608-packets.json"))).RootElement;

    [Fact]
    public void Crc_Matches_Every_Vector()
    {
        foreach (JsonElement vector in Vectors.GetProperty("crc").EnumerateArray())
        {
            byte[] data = Convert.FromHexString(vector.GetProperty("data").GetString()!);
            byte[] framed = [.. data, 0, 0];
            AteccCrc.Append(framed, 0, data.Length);
            Assert.Equal(vector.GetProperty("crc").GetString(), Convert.ToHexStringLower(framed[^2..]));
        }
    }

    [Fact]
    public void Every_Command_Packet_Is_Byte_Exact()
    {
        using var fixture = new ChipFixture();
        var recorder = new RecordingBus(fixture.Chip);
        var driver = new Atecc608(recorder, fixture.Clock);
        byte[] digest = Convert.FromHexString(Vectors.GetProperty("digest").GetString()!);

        driver.ReadRevision(new byte[4], 0);
        driver.ReadSerialNumber(new byte[9], 0);
        driver.ReadLockState(out _, out _);
        driver.ReadPublicKey(0, new byte[64], 0);
        driver.GenerateKey(2, new byte[64], 0);
        Assert.Equal(SecureElementStatus.Ok, driver.SignDigest(0, digest, 0, new byte[64], 0));
        driver.ReadCounter(0, out _);
        driver.IncrementCounter(1, out _);
        driver.Random(new byte[32], 0);

        string[] expected = Vectors.GetProperty("packets").EnumerateArray().Select(p => p.GetProperty("bytes").GetString()!).ToArray();
        Assert.Equal(expected, recorder.Commands);
    }

    private sealed class RecordingBus(II2cBus inner) : II2cBus
    {
        public List<string> Commands { get; } = new();

        public I2cStatus Write(int address, byte[] buffer, int offset, int count)
        {
            if (buffer[offset] == AteccProtocol.WordAddressCommand)
            {
                Commands.Add(Convert.ToHexStringLower(buffer, offset, count));
            }

            return inner.Write(address, buffer, offset, count);
        }

        public I2cStatus Read(int address, byte[] buffer, int offset, int count) => inner.Read(address, buffer, offset, count);

        public I2cStatus Wake() => inner.Wake();
    }
}

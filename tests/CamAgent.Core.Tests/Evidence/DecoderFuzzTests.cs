using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Evidence;

/// <summary>
/// Feeds the decoders random and mutated inputs (seeded; CAMAGENT_SEED replays a run) and demands
/// a status, never an exception, for every one; and that whatever decodes re-encodes to the same
/// bytes (one value has exactly one accepted encoding).
/// </summary>
public class DecoderFuzzTests
{
    private static int Iterations => Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 1_000_000 : 120_000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CAMAGENT_SEED"), out int seed) ? seed : 8949;

    private static List<byte[]> Seeds()
    {
        using var pki = new TestPki();
        using var device = new TestDevice(pki, "cam-fuzz", 256);
        byte[] record = device.SealSegment(new byte[300]);
        var view = new CoseSign1Message();
        view.Decode(record, 0, record.Length);
        byte[] payload = record[view.PayloadOffset..(view.PayloadOffset + view.PayloadLength)];
        byte[] chain = new byte[ChainState.EncodedMaxBytes];
        var writer = new CborWriter(chain, 0, chain.Length);
        device.Chain.Encode(writer);
        byte[] receipt = new byte[EvidenceLimits.MaxReceiptBytes];
        var receiptWriter = new CborWriter(receipt, 0, receipt.Length);
        new Receipt { DeviceId = "cam-fuzz", UploadId = "u-1", Sequence = 3, ContentLength = 300 }.Encode(receiptWriter, out _);
        return new List<byte[]> { record, payload, chain[..writer.Length], receipt[..receiptWriter.Length], Convert.FromHexString("a301820102026161038140") };
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        byte[] data = (byte[])input.Clone();
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && data.Length > 0; e++)
        {
            int at = random.Next(data.Length);
            switch (random.Next(6))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: data[at] = (byte)random.Next(256); break;
                case 2: data = data[..at]; break;
                case 3: data = data[..at].Concat(new[] { (byte)random.Next(256) }).Concat(data[at..]).ToArray(); break;
                case 4: data = data[..at].Concat(data[Math.Min(data.Length, at + 1 + random.Next(8))..]).ToArray(); break;
                default: data[at] = (byte)(0x1B + (random.Next(4) * 0x20)); break;
            }
        }

        return data;
    }

    [Fact]
    public void Decoders_Return_A_Status_For_Every_Random_Or_Mutated_Input()
    {
        var random = new Random(Seed);
        List<byte[]> seeds = Seeds();
        var reader = new CborReader();
        var message = new CoseSign1Message();
        var manifest = new Manifest();
        var receipt = new Receipt();
        var chain = new ChainState();
        int decodedManifests = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] input = random.Next(4) == 0 ? RandomBytes(random) : Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                reader.Reset(input, 0, input.Length);
                if (reader.SkipValue() == CborStatus.Ok)
                {
                    reader.ReadEnd();
                }

                message.Decode(input, 0, input.Length);
                if (ManifestCodec.Decode(input, 0, input.Length, reader, manifest, out _) == EvidenceStatus.Ok)
                {
                    decodedManifests++;
                    Assert.Equal(input, ManifestCodecTests.Encode(manifest));
                }

                if (receipt.Decode(input, 0, input.Length, reader, out _) == EvidenceStatus.Ok)
                {
                    byte[] again = new byte[EvidenceLimits.MaxReceiptBytes];
                    var writer = new CborWriter(again, 0, again.Length);
                    receipt.Encode(writer, out _);
                    Assert.Equal(input, again[..writer.Length]);
                }

                chain.Decode(input, 0, input.Length, reader);
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {Seed}, input {i} ({Convert.ToHexString(input)}) threw {exception}");
            }
        }

        Assert.True(decodedManifests > 0, "no mutation kept a manifest valid; the run did not reach the manifest rules");
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] data = new byte[random.Next(0, 96)];
        random.NextBytes(data);
        return data;
    }
}

using System.Text;
using CamAgent.Core.Http;
using CamAgent.Core.Text;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;

namespace CamAgent.Core.Tests.Http;

/// <summary>Random and mutated responses through the reader: every outcome is a status, never an exception.</summary>
public class HttpResponseFuzzTests
{
    private static readonly string[] Seeds =
    [
        "HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 16384\r\n\r\n",
        "HTTP/1.1 201 Created\r\nLocation: /files/cam-1-00000000000000000001\r\nUpload-Offset: 0\r\nTus-Resumable: 1.0.0\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 409 Conflict\r\nCamAgent-Error: offset-mismatch\r\nUpload-Offset: 5\r\nContent-Length: 8\r\n\r\nconflict",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nUpload-Offset: 3\r\nUpload-Length: 3\r\nCamAgent-Receipt: 0oRDoQEmoQ==\r\n\r\n",
        "HTTP/1.1 429 Too Many\r\nRetry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ];

    [Fact]
    public void Survives_Fifty_Thousand_Random_And_Mutated_Responses()
    {
        int seed = Environment.GetEnvironmentVariable("CAMAGENT_FUZZ_SEED") is { } s ? int.Parse(s) : 20261122;
        int iterations = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 1_000_000 : 50_000;
        var random = new Random(seed);
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        var outcomes = new Dictionary<HttpResult, int>();

        for (int i = 0; i < iterations; i++)
        {
            byte[] input = i % 10 == 0 ? RandomBytes(random) : Mutate(random, Encoding.Latin1.GetBytes(Seeds[random.Next(Seeds.Length)]));
            var stream = new ScriptedStream(input, 1 + random.Next(64)) { FailAtEndWith = i % 3 == 0 ? TransportStatus.Closed : null };
            reader.Reset();
            try
            {
                HttpResult result = reader.ReadHead(stream, random.Next(4) == 0);
                if (result == HttpResult.Ok)
                {
                    Exercise(reader.Head);
                    result = reader.DiscardBody(stream);
                }

                outcomes[result] = outcomes.GetValueOrDefault(result) + 1;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {e.GetType().Name} on input {Convert.ToBase64String(input)}: {e.Message}");
            }
        }

        Assert.True(outcomes.GetValueOrDefault(HttpResult.Ok) > iterations / 20, "the mutations should leave many responses valid");
        Assert.True(outcomes.Count > 6, "the mutations should reach many distinct failure statuses");
    }

    private static void Exercise(HttpResponseHead head)
    {
        head.TryGetDecimal("Upload-Offset", long.MaxValue, out _);
        head.GetString("Location");
        head.ValueEquals("Tus-Resumable", "1.0.0");
        if (head.TryGetValue("Retry-After", out int offset, out int count))
        {
            RetryAfterValue.TryGetDelayMs(head.Buffer, offset, count, DateTime.UtcNow, out _);
        }

        if (head.TryGetValue("CamAgent-Receipt", out offset, out count))
        {
            Base64.Decode(head.Buffer, offset, count, new byte[4096], 0);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, (byte)"\r\n: 0123456789 \t"[random.Next(16)]); break;
                case 3: bytes.InsertRange(at, Enumerable.Repeat((byte)'A', random.Next(1, 5000))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, Encoding.ASCII.GetBytes("X-Dup: 1\r\nContent-Length: 7\r\n")); break;
            }
        }

        return bytes.ToArray();
    }
}

using System.Text;
using CamAgent.Core.Egress;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Upload;

/// <summary>
/// The bytes of every request head the client sends, against an oracle that formats them as the
/// former string-by-string writer did: creation, PATCHes at offsets of every decimal width, and a
/// HEAD after a cut between PATCHes (the PATCH prefix kept in the writer must then be rebuilt).
/// </summary>
[Collection(WorkCounting.Name)]
public class RequestHeadTests
{
    private const string Host = "ingest.test";
    private const int PatchBytes = 64;
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Manifest = Enumerable.Range(0, 301).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Patch_Heads_At_Every_Decimal_Width_Are_Byte_Identical_To_The_Oracle()
    {
        long length = 1_000_000_000_000;
        long[] offsets = Offsets(length);
        var answers = new StringBuilder(Tus.Created(offsets[0]));
        for (int i = 1; i < offsets.Length; i++)
        {
            answers.Append(Tus.Patched(offsets[i]));
        }

        var server = new ScriptedConnector().Answer(answers.ToString());
        TusClient client = Client(server);
        client.Begin(new UploadJob(1, Manifest, 0, Manifest.Length, new ZeroStream(length), length));
        for (int i = 0; i < offsets.Length; i++)
        {
            Assert.Equal(UploadStatus.InProgress, client.Step());
        }

        var expected = new MemoryStream();
        Write(expected, Create(length));
        for (int i = 0; i < offsets.Length - 1; i++)
        {
            Write(expected, Patch(Tus.Location, offsets[i], PatchBytes));
            expected.Write(new byte[PatchBytes]);
        }

        Assert.Equal(expected.ToArray(), server.Opened[0].Written.ToArray());
    }

    [Fact]
    public void A_Head_Between_Patches_Is_Followed_By_A_Complete_Patch_Head()
    {
        long length = 10 * PatchBytes;
        var server = new ScriptedConnector()
            .Answer(Tus.Created(), Tus.Patched(PatchBytes))
            .Answer(Tus.Head(2 * PatchBytes, length), Tus.Patched(3 * PatchBytes));
        TusClient client = Client(server);
        client.Begin(new UploadJob(1, Manifest, 0, Manifest.Length, new ZeroStream(length), length));
        // Creation, two PATCHes (the second loses its answer), HEAD on a new connection, PATCH.
        for (int i = 0; i < 5; i++)
        {
            client.Step();
        }

        byte[] body = new byte[PatchBytes];
        Assert.Equal([.. Ascii(Create(length)), .. Ascii(Patch(Tus.Location, 0, PatchBytes)), .. body, .. Ascii(Patch(Tus.Location, PatchBytes, PatchBytes)), .. body], server.Opened[0].Written.ToArray());
        Assert.Equal([.. Ascii(Head(Tus.Location)), .. Ascii(Patch(Tus.Location, 2 * PatchBytes, PatchBytes)), .. body], server.Opened[1].Written.ToArray());
    }

    [Fact]
    public void A_Patch_Head_After_The_First_Costs_Two_Steps_Per_Digit_And_Nothing_Per_Character()
    {
        long length = 40 * 262_144L;
        var answers = new StringBuilder(Tus.Created());
        for (int i = 1; i <= 4; i++)
        {
            answers.Append(Tus.Patched(i * 262_144L));
        }

        TusClient client = Client(new ScriptedConnector().Answer(answers.ToString()), 262_144);
        client.Begin(new UploadJob(1, Manifest, 0, Manifest.Length, new ZeroStream(length), length));
        client.Step();
        client.Step();
        var work = WorkCounting.During(() => client.Step());

        // "262144" twice (offset and length): counting and writing six digits each, less one.
        Assert.Equal(2 * ((2 * 6) - 1), work.HeadCharSteps);
        Assert.Equal(Ascii(Patch(Tus.Location, 262_144, 262_144)).Length, work.HeadBytes);
    }

    // 0, then 9, 10, 99, 100, ... up to 10^12 - 1: every width of Upload-Offset, both sides of each step.
    private static long[] Offsets(long length)
    {
        var offsets = new List<long> { 0 };
        for (long power = 10; power < length; power *= 10)
        {
            offsets.Add(power - 1);
            offsets.Add(power);
        }

        offsets.Add(length - PatchBytes);
        return [.. offsets];
    }

    private static TusClient Client(ITlsConnector server, int patchBytes = PatchBytes)
    {
        var log = new TestLog();
        var options = new TusClientOptions { ChunkSizeBytes = Math.Min(patchBytes, 16384), PatchSizeBytes = patchBytes };
        return new TusClient(new AgencyEndpoint(server, Host, log), new TestReceiptChecker(), new FixedRandom(0), new FixedWallClock(Now), log, options);
    }

    // The oracle: the heads as the former writer formatted them, field by field from strings.
    private static string Create(long length) =>
        $"POST /files/ HTTP/1.1\r\nHost: {Host}\r\nTus-Resumable: 1.0.0\r\nUpload-Length: {length}\r\nUpload-Metadata: manifest {Convert.ToBase64String(Manifest)}\r\nContent-Length: 0\r\n\r\n";

    private static string Patch(string path, long offset, int count) =>
        $"PATCH {path} HTTP/1.1\r\nHost: {Host}\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: {offset}\r\nContent-Length: {count}\r\n\r\n";

    private static string Head(string path) => $"HEAD {path} HTTP/1.1\r\nHost: {Host}\r\nTus-Resumable: 1.0.0\r\n\r\n";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static void Write(MemoryStream stream, string text) => stream.Write(Ascii(text));
}

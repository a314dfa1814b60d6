using System.Text;
using CamAgent.Core.Http;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Http;

/// <summary>Matching response fields against pre-encoded names gives the answers matching against strings gives, and reads no string.</summary>
[Collection(WorkCounting.Name)]
public class FieldNameBytesTests
{
    [Fact]
    public void Byte_Comparison_Agrees_With_String_Comparison_For_Every_Pair_Of_Ascii_Bytes()
    {
        for (int a = 0; a < 256; a++)
        {
            for (int b = 0; b < 128; b++)
            {
                byte[] received = [(byte)'x', (byte)a, (byte)'Y'];
                bool expected = HttpSyntax.EqualsIgnoreCase(received, 0, 3, "X" + (char)b + "y");
                Assert.Equal(expected, HttpSyntax.EqualsIgnoreCase(received, 0, 3, [(byte)'X', (byte)b, (byte)'y']));
            }
        }
    }

    [Fact]
    public void Lookups_By_Bytes_Find_What_Lookups_By_String_Find_In_Any_Case()
    {
        HttpResponseHead head = Parse("HTTP/1.1 204 No Content\r\nDate: x\r\nTUS-RESUMABLE: 1.0.0\r\nupload-offset: 42\r\nUpload-Offset: 42\r\n\r\n");
        byte[] offsetName = Encoding.ASCII.GetBytes("Upload-Offset");
        byte[] versionName = Encoding.ASCII.GetBytes("Tus-Resumable");

        Assert.Equal(head.IndexOf("Upload-Offset"), head.IndexOf(offsetName));
        Assert.Equal(2, head.CountOf(offsetName));
        Assert.False(head.TryGetSingle(offsetName, out _, out _));
        Assert.False(head.TryGetDecimal(offsetName, 100, out _));
        Assert.True(head.TryGetSingle(versionName, out int offset, out int count));
        Assert.Equal("1.0.0", Encoding.ASCII.GetString(head.Buffer, offset, count));
        Assert.True(head.TryGetField(1, versionName, out _, out _));
        Assert.False(head.TryGetField(0, versionName, out _, out _));
        Assert.Equal(-1, head.IndexOf(Encoding.ASCII.GetBytes("Location")));
    }

    [Fact]
    public void A_Patch_Answer_Is_Checked_Without_Reading_A_String()
    {
        var server = new ScriptedConnector().Answer(Tus.Created(), Tus.Patched(64), Tus.Patched(128));
        var log = new TestLog();
        var client = new Core.Upload.TusClient(new Core.Egress.AgencyEndpoint(server, "ingest.test", log), new TestReceiptChecker(), new FixedRandom(0),
            new FixedWallClock(DateTime.UtcNow), log, new Core.Upload.TusClientOptions { ChunkSizeBytes = 64, PatchSizeBytes = 64 });
        client.Begin(new Core.Upload.UploadJob(1, new byte[100], 0, 100, new MemoryStream(new byte[1000]), 1000));
        client.Step();
        client.Step();

        long before = Core.Diagnostics.WorkCounters.ResponseStringSteps;
        Assert.Equal(Core.Upload.UploadStatus.InProgress, client.Step());
        Assert.Equal(before, Core.Diagnostics.WorkCounters.ResponseStringSteps);
        Assert.Equal(128, client.AcknowledgedOffset);
    }

    private static HttpResponseHead Parse(string text)
    {
        var reader = new HttpResponseReader(1024);
        Assert.Equal(HttpResult.Ok, reader.ReadHead(new MemoryStream(Encoding.ASCII.GetBytes(text)), false));
        return reader.Head;
    }
}

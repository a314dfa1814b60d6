using System.Text;
using CamAgent.Core.Http;

namespace CamAgent.Core.Tests.Http;

public class HttpRequestWriterTests
{
    [Fact]
    public void Writes_A_Request_Line_Host_Fields_And_The_Empty_Line()
    {
        var writer = new HttpRequestWriter(256);
        writer.Begin("PATCH", "/files/cam-1-00000000000000000007", "ingest.test");
        writer.AddHeader("Tus-Resumable", "1.0.0");
        writer.AddHeader("Upload-Offset", 1234567890123L);
        writer.AddHeader("Content-Length", 0);

        Assert.Equal(HttpResult.Ok, writer.End());
        Assert.Equal(
            "PATCH /files/cam-1-00000000000000000007 HTTP/1.1\r\nHost: ingest.test\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 1234567890123\r\nContent-Length: 0\r\n\r\n",
            Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));
    }

    [Fact]
    public void Encodes_Binary_Metadata_As_Base64_After_Its_Key()
    {
        byte[] manifest = [0xD2, 0x84, 0x43, 0xA1, 0x01, 0x26, 0xFF];
        var writer = new HttpRequestWriter(256);
        writer.Begin("POST", "/files/", "h.test");
        writer.AddHeaderBase64("Upload-Metadata", "manifest ", manifest, 0, manifest.Length);

        Assert.Equal(HttpResult.Ok, writer.End());
        Assert.Contains("Upload-Metadata: manifest " + Convert.ToBase64String(manifest) + "\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));
    }

    [Fact]
    public void Reports_A_Head_That_Does_Not_Fit_Without_Writing_Past_The_Buffer()
    {
        var writer = new HttpRequestWriter(64);
        writer.Begin("POST", "/files/", "ingest.test");
        writer.AddHeaderBase64("Upload-Metadata", "manifest ", new byte[100], 0, 100);

        Assert.Equal(HttpResult.RequestTooLarge, writer.End());
        Assert.True(writer.Length <= 64);
    }

    [Fact]
    public void Can_Be_Reused_After_An_Overflow()
    {
        var writer = new HttpRequestWriter(64);
        writer.Begin("POST", "/files/", "ingest.test");
        writer.AddHeader("X", new string('a', 100));
        Assert.Equal(HttpResult.RequestTooLarge, writer.End());

        writer.Begin("HEAD", "/files/a", "h");
        Assert.Equal(HttpResult.Ok, writer.End());
        Assert.Equal("HEAD /files/a HTTP/1.1\r\nHost: h\r\n\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));
    }

    [Theory]
    [InlineData("X-Evil", "a\r\nInjected: yes")]
    [InlineData("X-Evil", "caf\u00e9")]
    [InlineData("Bad Name", "v")]
    [InlineData("Bad:Name", "v")]
    public void Refuses_Header_Injection_As_A_Programming_Error(string name, string value)
    {
        var writer = new HttpRequestWriter(256);
        writer.Begin("POST", "/files/", "ingest.test");

        Assert.Throws<ArgumentException>(() => writer.AddHeader(name, value));
    }

    [Fact]
    public void Refuses_A_Target_With_Spaces()
    {
        var writer = new HttpRequestWriter(256);

        Assert.Throws<ArgumentException>(() => writer.Begin("GET", "/files/a b", "h"));
    }

    [Fact]
    public void Pre_Encoded_Fragments_And_Decimals_Give_The_Same_Head_As_Strings()
    {
        var fromStrings = new HttpRequestWriter(256);
        fromStrings.Begin("PATCH", "/files/a", "h.test");
        fromStrings.AddHeader("Upload-Offset", 1234567890123L);
        fromStrings.End();

        var fromFragments = new HttpRequestWriter(256);
        fromFragments.Begin(Encoding.ASCII.GetBytes("PATCH "), "/files/a", "h.test");
        fromFragments.Append(Encoding.ASCII.GetBytes("Upload-Offset: "));
        fromFragments.AppendDecimal(1234567890123L);
        fromFragments.Append(Encoding.ASCII.GetBytes("\r\n"));
        fromFragments.End();

        Assert.Equal(fromStrings.Buffer.AsSpan(0, fromStrings.Length).ToArray(), fromFragments.Buffer.AsSpan(0, fromFragments.Length).ToArray());
    }

    [Fact]
    public void Rewinding_To_A_Prefix_Replaces_Only_The_End_And_Begin_Moves_The_Generation()
    {
        var writer = new HttpRequestWriter(128);
        writer.Begin(Encoding.ASCII.GetBytes("PATCH "), "/files/a", "h");
        int generation = writer.Generation;
        int prefix = writer.Length;
        writer.AppendDecimal(99);
        writer.End();

        writer.Rewind(prefix);
        writer.AppendDecimal(100);
        Assert.Equal(HttpResult.Ok, writer.End());
        Assert.Equal("PATCH /files/a HTTP/1.1\r\nHost: h\r\n100\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length));
        Assert.Equal(generation, writer.Generation);

        writer.Begin("HEAD", "/files/a", "h");
        Assert.NotEqual(generation, writer.Generation);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Rewind(writer.Length + 1));
    }

    [Fact]
    public void A_Fragment_That_Does_Not_Fit_Makes_The_Head_Too_Large_And_Rewind_Clears_It()
    {
        var writer = new HttpRequestWriter(64);
        writer.Begin(Encoding.ASCII.GetBytes("PATCH "), "/files/a", "h");
        int prefix = writer.Length;
        writer.Append(new byte[100]);
        Assert.False(writer.Fits);
        Assert.Equal(HttpResult.RequestTooLarge, writer.End());

        writer.Rewind(prefix);
        Assert.True(writer.Fits);
        Assert.Equal(HttpResult.Ok, writer.End());
    }

    [Fact]
    public void Refuses_A_Negative_Decimal()
    {
        var writer = new HttpRequestWriter(64);
        writer.Begin("HEAD", "/a", "h");

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AppendDecimal(-1));
    }
}

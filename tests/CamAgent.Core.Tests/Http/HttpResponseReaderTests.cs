using System.Text;
using CamAgent.Core.Http;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;

namespace CamAgent.Core.Tests.Http;

public class HttpResponseReaderTests
{
    private const string NoContent = "HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 16384\r\n\r\n";

    private static (HttpResult Result, HttpResponseReader Reader) Read(string text, int maxRead = int.MaxValue, bool head = false)
    {
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        HttpResult result = reader.ReadHead(ScriptedStream.FromText(text, maxRead), head);
        return (result, reader);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    [InlineData(1)]
    public void Parses_Status_And_Fields_Whatever_The_Read_Size(int maxRead)
    {
        var (result, reader) = Read(NoContent, maxRead);

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(204, reader.Head.StatusCode);
        Assert.True(reader.Head.TryGetDecimal("upload-offset", long.MaxValue, out long offset));
        Assert.Equal(16384, offset);
        Assert.True(reader.Head.ValueEquals("TUS-RESUMABLE", "1.0.0"));
        Assert.Equal(0, reader.BodyLength);
        Assert.True(reader.KeepAlive);
    }

    [Fact]
    public void Trims_Optional_Whitespace_Around_Values()
    {
        var (result, reader) = Read("HTTP/1.1 200 OK\r\nLocation: \t/files/a-1 \t\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal("/files/a-1", reader.Head.GetString("location"));
    }

    [Fact]
    public void Reads_Two_Responses_On_One_Connection_When_Bodies_Are_Framed()
    {
        var stream = ScriptedStream.FromText(
            "HTTP/1.1 409 Conflict\r\nContent-Length: 11\r\nUpload-Offset: 5\r\n\r\nhello world" + NoContent, 3);
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);

        Assert.Equal(HttpResult.Ok, reader.ReadHead(stream, false));
        Assert.Equal(409, reader.Head.StatusCode);
        Assert.Equal(HttpResult.Ok, reader.DiscardBody(stream));
        Assert.True(reader.KeepAlive);
        Assert.Equal("5", reader.Head.GetString("Upload-Offset"));
        Assert.Equal(HttpResult.Ok, reader.ReadHead(stream, false));
        Assert.Equal(204, reader.Head.StatusCode);
        Assert.Equal(0, stream.Remaining);
    }

    [Fact]
    public void Keeps_A_Large_Body_Unread_And_Marks_The_Connection_Not_Reusable()
    {
        var stream = ScriptedStream.FromText($"HTTP/1.1 500 Oops\r\nContent-Length: {HttpLimits.MaxDrainedBodyBytes + 1}\r\n\r\nxx");
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);

        Assert.Equal(HttpResult.Ok, reader.ReadHead(stream, false));
        Assert.Equal(HttpResult.Ok, reader.DiscardBody(stream));
        Assert.False(reader.KeepAlive);
        Assert.Equal(500, reader.Head.StatusCode);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad\r\n\r\nclose-delimited body")]
    [InlineData("HTTP/1.1 400 Bad\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.0 400 Bad\r\nContent-Length: 0\r\n\r\n")]
    public void Returns_The_Head_But_Refuses_Reuse_When_Framing_Or_Peer_Ends_The_Connection(string text)
    {
        var (result, reader) = Read(text);

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(400, reader.Head.StatusCode);
        Assert.False(reader.KeepAlive);
    }

    [Fact]
    public void Ignores_Content_Length_Of_A_Response_To_Head()
    {
        var (result, reader) = Read("HTTP/1.1 200 OK\r\nContent-Length: 999\r\nUpload-Offset: 0\r\n\r\n", head: true);

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(0, reader.BodyLength);
        Assert.True(reader.KeepAlive);
    }

    [Fact]
    public void Skips_Interim_Responses()
    {
        var (result, reader) = Read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n" + NoContent, 2);

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(204, reader.Head.StatusCode);
    }

    [Fact]
    public void Refuses_Endless_Interim_Responses()
    {
        var (result, _) = Read(string.Concat(Enumerable.Repeat("HTTP/1.1 100 Continue\r\n\r\n", HttpLimits.MaxInterimResponses + 1)) + NoContent);

        Assert.Equal(HttpResult.TooManyInterimResponses, result);
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 12a\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n")]
    public void Rejects_Bad_Content_Length(string text)
    {
        Assert.Equal(HttpResult.BadContentLength, Read(text).Result);
    }

    [Fact]
    public void Accepts_Repeated_Identical_Content_Length()
    {
        var (result, reader) = Read("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(HttpResult.Ok, result);
        Assert.True(reader.KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 2040 OK\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 099 Low\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1  204 No\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 204\tNo\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 204 No\x01Content\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("\r\nHTTP/1.1 204 No Content\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 204 No Content\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/1.1 204 No\rContent\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", HttpResult.MalformedStatusLine)]
    [InlineData("HTTP/2 204\r\n\r\n", HttpResult.UnsupportedVersion)]
    [InlineData("HTTP/1.2 204 No\r\n\r\n", HttpResult.UnsupportedVersion)]
    [InlineData("HTTP/3.0 204 No\r\n\r\n", HttpResult.UnsupportedVersion)]
    [InlineData("HTTP/1.1 204 No\r\nName : value\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nNo colon here\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\n: empty name\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA: b\r\n folded\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA: b\x00c\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA: b\nB: c\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA: b\rB: c\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA: b\x7f\r\n\r\n", HttpResult.MalformedHeader)]
    [InlineData("HTTP/1.1 204 No\r\nA(b): c\r\n\r\n", HttpResult.MalformedHeader)]
    public void Rejects_Malformed_Heads(string text, HttpResult expected)
    {
        Assert.Equal(expected, Read(text).Result);
        Assert.Equal(expected, Read(text, 1).Result);
    }

    [Fact]
    public void Accepts_Obs_Text_In_Values_And_An_Empty_Reason()
    {
        var (result, reader) = Read("HTTP/1.1 204\r\nX-Note: caf\xe9\r\n\r\n");

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(204, reader.Head.StatusCode);
    }

    [Fact]
    public void Refuses_A_Status_Line_Over_The_Limit_Before_Reading_The_Rest()
    {
        string text = "HTTP/1.1 200 " + new string('x', HttpLimits.MaxStatusLineBytes) + "\r\n\r\n";

        Assert.Equal(HttpResult.StatusLineTooLong, Read(text).Result);
    }

    [Fact]
    public void Refuses_A_Header_Line_Over_The_Limit()
    {
        string text = "HTTP/1.1 200 OK\r\nX: " + new string('x', HttpLimits.MaxHeaderLineBytes) + "\r\n\r\n";

        Assert.Equal(HttpResult.HeaderLineTooLong, Read(text).Result);
    }

    [Fact]
    public void Accepts_A_Header_Line_Exactly_At_The_Limit()
    {
        string value = new('x', HttpLimits.MaxHeaderLineBytes - "X: \r\n".Length);
        var (result, reader) = Read("HTTP/1.1 200 OK\r\nX: " + value + "\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(HttpResult.Ok, result);
        Assert.Equal(value, reader.Head.GetString("X"));
    }

    [Fact]
    public void Refuses_Too_Many_Header_Fields()
    {
        var text = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i <= HttpLimits.MaxHeaderCount; i++)
        {
            text.Append($"X-{i}: {i}\r\n");
        }

        Assert.Equal(HttpResult.TooManyHeaders, Read(text.Append("\r\n").ToString()).Result);
    }

    [Fact]
    public void Refuses_A_Head_Larger_Than_The_Buffer()
    {
        var text = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 3; i++)
        {
            text.Append($"X-{i}: ").Append('v', HttpLimits.MaxHeaderLineBytes - 10).Append("\r\n");
        }

        Assert.Equal(HttpResult.HeadTooLarge, Read(text.Append("\r\n").ToString()).Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 204 No Content\r\nA: b\r\n")]
    public void Reports_A_Connection_Closed_Mid_Head(string text)
    {
        Assert.Equal(HttpResult.ConnectionClosed, Read(text).Result);
    }

    [Fact]
    public void Reports_The_Transport_Status_Of_A_Failed_Read()
    {
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        var stream = new ScriptedStream(Encoding.ASCII.GetBytes("HTTP/1.1 2"), 1) { FailAtEndWith = TransportStatus.Timeout };

        Assert.Equal(HttpResult.TransportFailed, reader.ReadHead(stream, false));
        Assert.Equal(TransportStatus.Timeout, reader.TransportStatus);
    }

    [Fact]
    public void Reports_A_Connection_Closed_While_Draining_The_Body()
    {
        var stream = ScriptedStream.FromText("HTTP/1.1 400 Bad\r\nContent-Length: 100\r\n\r\nshort");
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);

        Assert.Equal(HttpResult.Ok, reader.ReadHead(stream, false));
        Assert.Equal(HttpResult.ConnectionClosed, reader.DiscardBody(stream));
        Assert.False(reader.KeepAlive);
    }

    [Fact]
    public void Reading_A_New_Head_Before_Discarding_The_Body_Is_A_Bug()
    {
        var stream = ScriptedStream.FromText(NoContent + NoContent);
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        reader.ReadHead(stream, false);

        Assert.Throws<InvalidOperationException>(() => reader.ReadHead(stream, false));
    }

    [Fact]
    public void Parses_Every_Status_Code()
    {
        for (int code = 100; code <= 999; code++)
        {
            string text = $"HTTP/1.1 {code} Reason\r\nContent-Length: 0\r\n\r\n";
            if (code < 200)
            {
                text += NoContent;
            }

            var (result, reader) = Read(text);
            Assert.Equal(HttpResult.Ok, result);
            Assert.Equal(code < 200 ? 204 : code, reader.Head.StatusCode);
        }
    }
}

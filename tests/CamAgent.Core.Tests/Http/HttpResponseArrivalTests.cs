using System.Text;
using CamAgent.Core.Http;
using CamAgent.Core.Tests.UploadSupport;

namespace CamAgent.Core.Tests.Http;

/// <summary>
/// The reader's verdict on a response depends on its bytes only, not on how the transport cuts
/// them: the line scanner keeps its state (a CR waiting for its LF, the line length) across reads.
/// </summary>
public class HttpResponseArrivalTests
{
    private static readonly string[] Seeds =
    [
        "HTTP/1.1 204 No Content\r\nDate: Mon, 07 Dec 2026 03:00:00 GMT\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 262144\r\nUpload-Expires: Mon, 07 Dec 2026 03:00:00 GMT\r\n\r\n",
        "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nLocation: /files/cam-1-00000000000000000001\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n\r\n",
        "HTTP/1.1 409 Conflict\r\nCamAgent-Error: offset-mismatch\r\nUpload-Offset: 5\r\nContent-Length: 8\r\n\r\nconflict",
        "HTTP/1.1 200 OK\r\nX-Long: " + new string('v', 3690) + "\r\n\r\n",
    ];

    [Fact]
    public void Every_Mutated_Response_Gets_The_Same_Verdict_Whole_Byte_By_Byte_And_In_Odd_Pieces()
    {
        var random = new Random(9112);
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] input = Mutate(random, Encoding.Latin1.GetBytes(Seeds[random.Next(Seeds.Length)]));
            (HttpResult Result, int Status, int Fields) whole = Verdict(reader, input, int.MaxValue);
            Assert.Equal(whole, Verdict(reader, input, 1));
            Assert.Equal(whole, Verdict(reader, input, 1 + random.Next(40)));
        }
    }

    private static (HttpResult, int, int) Verdict(HttpResponseReader reader, byte[] input, int pieceBytes)
    {
        reader.Reset();
        HttpResult result = reader.ReadHead(new ScriptedStream(input, pieceBytes), false);
        return result == HttpResult.Ok ? (result, reader.Head.StatusCode, reader.Head.HeaderCount) : (result, 0, 0);
    }

    // Byte flips toward the characters the scanner decides on (CR, LF, colon, space, tab, control bytes), insertions and cuts.
    private static byte[] Mutate(Random random, byte[] seed)
    {
        byte[] special = [(byte)'\r', (byte)'\n', (byte)':', (byte)' ', (byte)'\t', 0, 0x7F, 0xFF, (byte)'a'];
        var bytes = new List<byte>(seed);
        for (int edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = special[random.Next(special.Length)]; break;
                case 1: bytes.Insert(at, special[random.Next(special.Length)]); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    [Theory]
    [InlineData(32, HttpResult.Ok)]
    [InlineData(33, HttpResult.TooManyHeaders)]
    [InlineData(60, HttpResult.TooManyHeaders)]
    public void The_Most_Fields_Kept_Is_Accepted_And_One_More_Refused_In_Any_Pieces(int fields, HttpResult expected)
    {
        var text = new StringBuilder("HTTP/1.1 204 No Content\r\n");
        for (int i = 0; i < fields; i++)
        {
            text.Append("X-F").Append(i).Append(": v\r\n");
        }

        byte[] input = Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
        var reader = new HttpResponseReader(HttpLimits.MaxResponseHeadBytes);
        Assert.Equal(expected, Verdict(reader, input, int.MaxValue).Item1);
        Assert.Equal(expected, Verdict(reader, input, 3).Item1);
    }
}

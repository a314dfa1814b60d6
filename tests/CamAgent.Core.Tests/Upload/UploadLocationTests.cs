using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

public class UploadLocationTests
{
    [Theory]
    [InlineData("/files/cam-1-00000000000000000001", "/files/cam-1-00000000000000000001")]
    [InlineData("https://ingest.test/files/a", "/files/a")]
    [InlineData("HTTPS://Ingest.Test:443/files/a", "/files/a")]
    public void Accepts_Paths_On_The_Agency_Host(string location, string expected)
    {
        Assert.Equal(expected, UploadLocation.ToPath(location, "ingest.test"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/files/")]
    [InlineData("/other/a")]
    [InlineData("/files/a?x=1")]
    [InlineData("/files/a#f")]
    [InlineData("/files/../admin")]
    [InlineData("/files//a")]
    [InlineData("/files/a%2F..")]
    [InlineData("/files/a b")]
    [InlineData("http://ingest.test/files/a")]
    [InlineData("https://ingest.test:8443/files/a")]
    [InlineData("https://ingest.test.evil.test/files/a")]
    [InlineData("https://evil.test/files/a")]
    [InlineData("https://user@ingest.test/files/a")]
    [InlineData("//evil.test/files/a")]
    [InlineData("files/a")]
    public void Refuses_Anything_That_Could_Lead_Elsewhere(string location)
    {
        Assert.Null(UploadLocation.ToPath(location, "ingest.test"));
    }

    [Fact]
    public void Refuses_An_Overlong_Location()
    {
        Assert.Null(UploadLocation.ToPath("/files/" + new string('a', UploadLimits.MaxLocationLength), "ingest.test"));
    }
}

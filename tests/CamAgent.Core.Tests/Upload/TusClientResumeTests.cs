using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

/// <summary>Connections cut at random byte positions while uploading to the real in-test server.</summary>
public class TusClientResumeTests
{
    [Theory]
    [InlineData(UploadLimits.DefaultPatchSizeBytes)]
    [InlineData(UploadLimits.DefaultChunkSizeBytes)]
    public async Task Completes_Every_Upload_Byte_Identical_Through_Two_Hundred_Cuts_Resending_At_Most_One_Chunk_Per_Cut(int patchSizeBytes)
    {
        int seed = Environment.GetEnvironmentVariable("CAMAGENT_RESUME_SEED") is { } s ? int.Parse(s) : 4242;
        bool soak = Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";
        int uploads = soak ? 40 : 8;
        int cuts = soak ? 1000 : 200;
        var random = new Random(seed);
        await using UploadRig rig = await UploadRig.StartAsync();
        UploadJob[] jobs = Enumerable.Range(1, uploads).Select(i => UploadRig.Job(i, random.Next(20_000, 160_000), seed)).ToArray();
        long total = jobs.Sum(j => j.ContentLength);
        var connector = new CuttingConnector(
            rig.Connector(),
            Enumerable.Range(0, cuts).Select(_ => random.NextInt64(total)),
            Enumerable.Range(0, cuts / 10).Select(_ => random.NextInt64(uploads * 2_000)));
        TusClient client = rig.Client(connector, patchSizeBytes);

        foreach (UploadJob job in jobs)
        {
            client.Begin(job);
            Assert.True(UploadRig.Drive(client) == UploadStatus.Completed, $"seed {seed}: record {job.Sequence} failed with {client.Failure}");
        }

        foreach (UploadJob job in jobs)
        {
            Assert.True(UploadRig.ContentOf(job).AsSpan().SequenceEqual(rig.Server.StoredContent(rig.UploadId(job.Sequence))), $"seed {seed}: record {job.Sequence} differs");
        }

        int cutsMade = connector.WriteCutsMade + connector.ReadCutsMade;
        Assert.Equal(cuts, connector.WriteCutsMade);
        Assert.True(connector.ReadCutsMade > 0, "some responses should have been lost too");
        long resent = client.ContentBytesSent - total;
        Assert.True(resent <= (long)cutsMade * UploadLimits.DefaultChunkSizeBytes, $"seed {seed}: re-sent {resent} bytes over {cutsMade} cuts");
        Assert.Equal(cutsMade + 1, client.Connections);
    }
}

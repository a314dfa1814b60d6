using CamAgent.Core.Platform;
using CamAgent.Core.Tests.UploadSupport;
using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

/// <summary>The upload client against a real Kestrel tus server over mutual TLS on 127.0.0.1.</summary>
public class TusClientEndToEndTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16383)]
    [InlineData(16384)]
    [InlineData(16385)]
    [InlineData(100_000)]
    public async Task Stores_The_Record_Byte_Identical_And_Completes_With_A_Checked_Receipt(int length)
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        TusClient client = rig.Client();
        UploadJob job = UploadRig.Job(5, length);
        client.Begin(job);

        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
        Assert.Equal(UploadRig.ContentOf(job), rig.Server.StoredContent(rig.UploadId(5)));
        Assert.Equal(length, client.AcknowledgedOffset);
        Assert.Equal(TestReceipts.Expected(job), client.Receipt.AsSpan(0, client.ReceiptLength).ToArray());
        Assert.Equal(1, rig.Checker.Checks);
        Assert.Equal(length, client.ContentBytesSent);
    }

    [Fact]
    public async Task Uploads_Several_Records_Over_One_Kept_Alive_Connection()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        TusClient client = rig.Client();

        for (long sequence = 1; sequence <= 3; sequence++)
        {
            UploadJob job = UploadRig.Job(sequence, 40_000);
            client.Begin(job);
            Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));
            Assert.Equal(UploadRig.ContentOf(job), rig.Server.StoredContent(rig.UploadId(sequence)));
        }

        Assert.Equal(1, client.Connections);
        Assert.Equal(1, rig.Log.Count(LogLevel.Warning, "TEST-ONLY dial override"));
    }

    [Fact]
    public async Task Logs_A_Warning_Every_Time_The_Test_Only_Dial_Override_Is_Used()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        TusClient client = rig.Client();
        client.Begin(UploadRig.Job(1, 10));
        UploadRig.Drive(client);
        client.Close();
        client.Begin(UploadRig.Job(2, 10));
        UploadRig.Drive(client);

        Assert.Equal(2, rig.Log.Count(LogLevel.Warning, "TEST-ONLY dial override"));
    }

    [Fact]
    public async Task Re_Creating_A_Record_Is_Idempotent_And_Resumes_At_The_Server_Offset()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        UploadJob job = UploadRig.Job(9, 50_000);
        TusClient first = rig.Client(patchSizeBytes: 16384);
        first.Begin(job);
        Assert.Equal(UploadStatus.InProgress, first.Step());
        Assert.Equal(UploadStatus.InProgress, first.Step());
        first.Close();

        // A rebooted device knows only the record: it creates again and continues where the server is.
        TusClient second = rig.Client();
        second.Begin(job);
        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(second));

        Assert.Equal(2, rig.Server.Creations);
        Assert.Equal(16384, first.ContentBytesSent);
        Assert.Equal(50_000 - 16384, second.ContentBytesSent);
        Assert.Equal(UploadRig.ContentOf(job), rig.Server.StoredContent(rig.UploadId(9)));
    }

    [Fact]
    public async Task Rejects_The_Record_When_The_Server_Holds_Another_Manifest_For_Its_Sequence()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        TusClient client = rig.Client();
        client.Begin(UploadRig.Job(4, 100, seed: 1));
        Assert.Equal(UploadStatus.Completed, UploadRig.Drive(client));

        client.Begin(UploadRig.Job(4, 100, seed: 2));

        Assert.Equal(UploadStatus.Rejected, client.Step());
        Assert.Equal(UploadFailure.SequenceConflict, client.Failure);
        Assert.Equal(409, client.LastStatusCode);
        Assert.Equal("sequence-conflict", client.LastErrorCode);
        Assert.Equal(UploadRig.ContentOf(UploadRig.Job(4, 100, seed: 1)), rig.Server.StoredContent(rig.UploadId(4)));
    }

    [Fact]
    public async Task Refuses_A_Receipt_That_Does_Not_Match_The_Record_And_Keeps_It()
    {
        await using UploadRig rig = await UploadRig.StartAsync();
        rig.Server.Intercept = context =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers.ContainsKey("CamAgent-Receipt"))
                {
                    context.Response.Headers["CamAgent-Receipt"] = Convert.ToBase64String(new byte[78]);
                }

                return Task.CompletedTask;
            });
            return false;
        };
        TusClient client = rig.Client();
        client.Begin(UploadRig.Job(3, 20_000));

        Assert.Equal(UploadStatus.Rejected, UploadRig.Drive(client));
        Assert.Equal(UploadFailure.ReceiptInvalid, client.Failure);
        Assert.Equal(ReceiptCheckStatus.FieldMismatch, client.ReceiptCheck);
        Assert.Equal(0, client.ReceiptLength);
    }
}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CamAgent.Core.Evidence;
using CamAgent.Core.Tests.Config;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Agent;

/// <summary>
/// Runs the script docs/agency-it-guide.md §8 gives agency IT, extracted from the document, on a
/// card where the shipped agent quarantined a record: it must give back the record the camera
/// sealed (the one the next record links to) and its content, in the ingest store layout.
/// </summary>
public sealed partial class QuarantineRecipeTests : IClassFixture<CredentialsFixture>
{
    private const string DeviceId = Support.TestCredentials.DeviceId;

    private readonly CredentialsFixture _fixture;

    public QuarantineRecipeTests(CredentialsFixture fixture) => _fixture = fixture;

    [GeneratedRegex("<!-- quarantine-export-recipe -->\\s*```sh\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex RecipeBlock();

    [Fact]
    public void The_Published_Export_Gives_Back_The_Quarantined_Record_And_Its_Content()
    {
        Assert.True(ExternalTool.IsOnPath("bash"), "bash is required to run the export script of docs/agency-it-guide.md §8");
        using var rig = new AgentRig(_fixture);
        rig.Server.RefusedRecords[1] = (460, "content-digest-mismatch");
        rig.Link.IsUp = false;
        rig.RecordSegment(3_000);
        long refusedSegment = rig.RecordSegment(40_000);
        rig.RecordSegment(2_000);
        rig.Run(5_000);
        rig.Link.IsUp = true;
        rig.Run(60_000);
        Assert.Equal(1, rig.Agent.Spool.QuarantinedCount);

        string document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "agency-it-guide.md"));
        Match recipe = RecipeBlock().Match(document);
        Assert.True(recipe.Success, "the export script is missing from docs/agency-it-guide.md");
        string script = Regex.Replace(recipe.Groups["script"].Value, "^   ", "", RegexOptions.Multiline);
        string folder = Directory.CreateTempSubdirectory("camagent-export-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "quarantine-export.sh"), script);
            string output = Path.Combine(folder, "store");
            ExternalTool.Result result = ExternalTool.Run("bash", ["quarantine-export.sh", rig.CardRoot, output, DeviceId, AgentRig.SpoolDir, AgentRig.SegmentDir], folder);
            Assert.True(result.ExitCode == 0, result.Error);

            string stored = Path.Combine(output, "devices", DeviceId, "00000000000000000001");
            byte[] manifest = File.ReadAllBytes(stored + ".manifest.cose");
            Manifest record = CoseReceiptChecker.ManifestOf(manifest, 0, manifest.Length);
            Assert.Equal(1, record.Sequence);
            Assert.Equal(rig.Recorded[refusedSegment], File.ReadAllBytes(stored + ".segment"));
            Manifest next = rig.Server.StoredManifest(DeviceId, 2)!;
            Assert.Equal(SHA256.HashData(manifest), next.PreviousRecordDigest);
            Assert.Contains("record 1 ->", result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Text.RegularExpressions;
using CamAgent.Core.Evidence;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;
using Xunit.Abstractions;

namespace CamAgent.Core.Tests.Evidence;

/// <summary>
/// Runs the openssl recipe published in docs/evidence-format.md §4.2, extracted from the document
/// itself, and compares it with Core. Needs bash and openssl (./test.sh installs them); without
/// them the test fails with that reason, so a comparison that did not run never counts as passed.
/// </summary>
public partial class OpensslRecipeTests(ITestOutputHelper output)
{
    private const int C = ContentDigest.DefaultChunkSizeBytes;

    [GeneratedRegex("<!-- content-digest-recipe -->\\s*```sh\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex RecipeBlock();

    [Theory]
    [InlineData(0, C)]
    [InlineData(1, C)]
    [InlineData(C - 1, C)]
    [InlineData(C, C)]
    [InlineData(C + 1, C)]
    [InlineData(3 * C, C)]
    [InlineData(70, 64)]
    public void Published_Openssl_Recipe_Gives_Cores_Digest(int length, int chunkSize)
    {
        Assert.True(
            ExternalTool.IsOnPath("bash") && ExternalTool.IsOnPath("openssl"),
            "bash or openssl is not installed, so the published openssl recipe cannot be run (./test.sh installs openssl)");

        string document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "evidence-format.md"));
        Match recipe = RecipeBlock().Match(document);
        Assert.True(recipe.Success, "the recipe block is missing from docs/evidence-format.md");
        string folder = Directory.CreateTempSubdirectory("camagent-recipe-").FullName;
        try
        {
            string script = Path.Combine(folder, "content-digest.sh");
            File.WriteAllText(script, recipe.Groups["script"].Value);
            byte[] content = new byte[length];
            new Random(length).NextBytes(content);
            string file = Path.Combine(folder, "content.bin");
            File.WriteAllBytes(file, content);

            ExternalTool.Result result = ExternalTool.Run("bash", new[] { script, file, chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }, folder);
            Assert.True(result.ExitCode == 0, result.Error);

            var digest = new ContentDigest(new HostHmacSha256Factory(), chunkSize);
            digest.Append(content, 0, content.Length);
            byte[] expected = new byte[32];
            digest.Finish(expected, 0);
            Assert.Equal(Convert.ToHexStringLower(expected), result.Output.Trim());
            output.WriteLine($"openssl recipe over {length} bytes in {chunkSize}-byte chunks: {result.Output.Trim()} (Core: the same)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

namespace CamAgent.Tests.Support;

/// <summary>
/// The independent implementations in tests/interop run under Node. Node is required, not
/// optional: test.sh installs it, so its absence fails the test instead of skipping it.
/// </summary>
public static class InteropPackages
{
    /// <summary>
    /// Asserts that node is installed and runs `npm ci` in tests/interop when any of
    /// <paramref name="packages"/> (folders under node_modules) is missing.
    /// </summary>
    public static void Ensure(string minimumNode, params string[] packages)
    {
        Assert.True(ExternalTool.IsOnPath("node"), $"node is not installed: the interop checks need Node {minimumNode} (test.sh installs it)");
        string modules = Path.Combine(RepositoryPaths.Interop, "node_modules");
        if (!packages.All(package => Directory.Exists(Path.Combine(modules, package))))
        {
            ExternalTool.Result install = ExternalTool.Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, RepositoryPaths.Interop);
            Assert.True(install.ExitCode == 0, "npm ci in tests/interop failed: " + install.Error);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Tests.Support;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// The independent tus implementations in tests/interop (tus-js-client, @tus/server), run under
/// Node. Node is required, not optional: test.sh installs it, so its absence fails the test.
/// </summary>
public static class InteropNode
{
    public static string Folder => RepositoryPaths.Interop;

    /// <summary>Asserts that node is installed and installs the pinned packages if they are missing.</summary>
    public static void EnsurePackages()
    {
        Assert.True(ExternalTool.IsOnPath("node"), "node is not installed: the tus interop tests need Node 20.19+ (test.sh installs it)");
        string modules = Path.Combine(Folder, "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "tus-js-client")) || !Directory.Exists(Path.Combine(modules, "@tus", "server")) || !Directory.Exists(Path.Combine(modules, "@tus", "file-store")))
        {
            ExternalTool.Result install = ExternalTool.Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, Folder);
            Assert.True(install.ExitCode == 0, "npm ci in tests/interop failed: " + install.Error);
        }
    }

    /// <summary>Writes certificates as one PEM file (in the given order).</summary>
    public static string WriteCertificates(string path, params X509Certificate2[] certificates)
    {
        File.WriteAllText(path, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        return path;
    }

    /// <summary>Writes a PKCS#8 PEM private key readable by its owner only (0600), as a key file must be.</summary>
    public static string WriteKey(string path, ECDsa key)
    {
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return path;
    }
}

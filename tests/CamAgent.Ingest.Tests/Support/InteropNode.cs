using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Tests.Support;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// The independent tus implementations in tests/interop (tus-js-client, @tus/server), run under
/// Node (see <see cref="InteropPackages"/>), and the credential files they read.
/// </summary>
public static class InteropNode
{
    public static string Folder => RepositoryPaths.Interop;

    /// <summary>Asserts that node is installed and installs the pinned packages if they are missing.</summary>
    public static void EnsurePackages() => InteropPackages.Ensure("20.19+", "tus-js-client", Path.Combine("@tus", "server"), Path.Combine("@tus", "file-store"));

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

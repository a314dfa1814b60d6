using System.Security.Cryptography;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>Hashes of every file under devices/: proves stored evidence was not touched.</summary>
public static class StoreSnapshot
{
    public static Dictionary<string, string> Take(string storePath)
    {
        string devices = Path.Combine(storePath, "devices");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(devices))
        {
            return files;
        }

        foreach (string file in Directory.EnumerateFiles(devices, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(devices, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return files;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CamAgent.Verification;

namespace CamAgent.Ingest.Storage;

/// <summary>
/// Keeps the device-issuing CA (and any CA between it and the root) in the store, under
/// <see cref="EvidenceStore.IssuersFolder"/>, so that whoever holds the store and the agency root
/// alone can verify it (docs/evidence-format.md §7.1). A verifier treats these files as
/// candidates for building chains only, never as trust anchors: the root still comes from the
/// verifier. The self-signed root is therefore not copied.
/// </summary>
internal static class StoreIssuers
{
    /// <summary>Writes every CA of <paramref name="deviceCaChain"/> that is not self-signed and not there yet, named by its SHA-256.</summary>
    public static void Publish(StoreLayout layout, X509Certificate2Collection deviceCaChain)
    {
        string folder = Path.Combine(layout.Root, EvidenceStore.IssuersFolder);
        Durable.CreateDirectory(folder);
        foreach (X509Certificate2 certificate in deviceCaChain)
        {
            if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            {
                continue;
            }

            string name = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)) + EvidenceStore.IssuerFileSuffix;
            string path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                Durable.WriteFileAtomically(path, Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
            }
        }
    }
}

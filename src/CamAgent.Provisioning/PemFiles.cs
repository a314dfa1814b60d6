using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>Reading certificates from PEM files with clear refusals instead of exceptions.</summary>
public static class PemFiles
{
    public static PkiResult<X509Certificate2> ReadCertificate(string path)
    {
        if (!SecureFile.TryReadSmallText(path, PkiPolicy.MaxPemFileBytes, out string pem, out string problem))
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.BadInput, problem);
        }

        return ParseCertificate(pem, path);
    }

    /// <summary>Parses the first certificate in <paramref name="pem"/>; <paramref name="source"/> names it in messages.</summary>
    public static PkiResult<X509Certificate2> ParseCertificate(string pem, string source)
    {
        try
        {
            return PkiResult<X509Certificate2>.Success(X509Certificate2.CreateFromPem(pem));
        }
        catch (CryptographicException)
        {
            return PkiResult<X509Certificate2>.Fail(PkiError.BadInput, $"{source} does not hold a PEM certificate.");
        }
    }
}

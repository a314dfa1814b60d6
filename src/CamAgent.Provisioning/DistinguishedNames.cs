using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>Reads parts of X.500 names.</summary>
public static class DistinguishedNames
{
    /// <summary>id-at-commonName (X.520).</summary>
    public const string CommonNameOid = "2.5.4.3";

    /// <summary>The single common name of <paramref name="name"/>; null if there is none or more than one.</summary>
    public static string? CommonName(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? found = null;
        foreach (X500RelativeDistinguishedName rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements || rdn.GetSingleElementType().Value != CommonNameOid)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = rdn.GetSingleElementValue();
        }

        return found;
    }
}

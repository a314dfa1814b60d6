using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CamAgent.Provisioning;

/// <summary>
/// The name-constraints extension of the device-issuing CA (RFC 5280 §4.2.1.10). .NET has no type
/// for it, so it is encoded here. The constraints make the device CA useless for anything but
/// camera identities: names must sit under the agency's device subtree, and every DNS name and IP
/// address is excluded, so a stolen device-CA key cannot mint a TLS server certificate.
/// </summary>
public static class NameConstraints
{
    /// <summary>id-ce-nameConstraints.</summary>
    public const string Oid = "2.5.29.30";

    private const int DirectoryNameTag = 4;
    private const int DnsNameTag = 2;
    private const int IpAddressTag = 7;
    private const int PermittedSubtreesTag = 0;
    private const int ExcludedSubtreesTag = 1;

    /// <summary>Builds the critical extension: permitted directory subtree <paramref name="permittedSubtree"/>; all DNS names and IP addresses excluded.</summary>
    public static X509Extension ForDeviceCa(X500DistinguishedName permittedSubtree)
    {
        ArgumentNullException.ThrowIfNull(permittedSubtree);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, PermittedSubtreesTag)))
            {
                using (writer.PushSequence())
                {
                    // directoryName is an explicit tag around the Name (GeneralName CHOICE of an untagged CHOICE type).
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, DirectoryNameTag, isConstructed: true)))
                    {
                        writer.WriteEncodedValue(permittedSubtree.RawData);
                    }
                }
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, ExcludedSubtreesTag)))
            {
                // An empty dNSName matches every DNS name (RFC 5280 §4.2.1.10: zero or more labels added on the left).
                using (writer.PushSequence())
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, string.Empty, new Asn1Tag(TagClass.ContextSpecific, DnsNameTag));
                }

                // 0.0.0.0/0 and ::/0: address and mask of all zeros cover every IPv4 and IPv6 address.
                WriteExcludedAddressRange(writer, 4);
                WriteExcludedAddressRange(writer, 16);
            }
        }

        return new X509Extension(Oid, writer.Encode(), critical: true);
    }

    private static void WriteExcludedAddressRange(AsnWriter writer, int addressBytes)
    {
        using (writer.PushSequence())
        {
            writer.WriteOctetString(new byte[addressBytes * 2], new Asn1Tag(TagClass.ContextSpecific, IpAddressTag));
        }
    }
}

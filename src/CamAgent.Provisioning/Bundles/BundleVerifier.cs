using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Config;
using CamAgent.Provisioning.Boards;

namespace CamAgent.Provisioning.Bundles;

/// <summary>
/// Checks a device bundle as a whole on the host (`camagent bundle verify`): the COSE signature,
/// that the signer certificate chains to the agency root and is the agency's bundle-signing
/// certificate, that the configuration pins that same root, names the bundle's device and passes the
/// device's own configuration validator (Core's <see cref="ConfigValidator"/>), and that the board
/// profile is valid. Any failure refuses the whole bundle.
/// </summary>
public static class BundleVerifier
{
    /// <summary>Suffix of the bundle-signing certificate's CN ("&lt;agency&gt; CamAgent Bundle Signing").</summary>
    public const string SignerCommonNameSuffix = " CamAgent Bundle Signing";

    /// <param name="encoded">The bundle file's bytes.</param>
    /// <param name="rootCa">The agency root CA (public).</param>
    /// <param name="expectedSigner">When known (from the PKI folder), the exact bundle-signing certificate; else any root-issued certificate with the bundle-signing name.</param>
    /// <param name="now">Time at which certificates must be valid.</param>
    public static PkiResult<BundleReport> Verify(byte[] encoded, X509Certificate2 rootCa, X509Certificate2? expectedSigner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rootCa);
        if (encoded.Length > BundleCodec.MaxBundleBytes)
        {
            return PkiResult<BundleReport>.Fail(PkiError.BadInput, $"The file is {encoded.Length} bytes; a device bundle is at most {BundleCodec.MaxBundleBytes}.");
        }

        PkiResult<DeviceBundle> decoded = BundleCodec.Decode(encoded);
        if (!decoded.Ok)
        {
            return decoded.As<BundleReport>();
        }

        DeviceBundle bundle = decoded.Value!;
        using X509Certificate2 signer = X509CertificateLoader.LoadCertificate(bundle.SignerCertificateDer);
        string? trustProblem = CheckSigner(signer, rootCa, expectedSigner, now);
        if (trustProblem is not null)
        {
            return PkiResult<BundleReport>.Fail(PkiError.CredentialRefused, trustProblem);
        }

        return CheckContent(bundle, rootCa, signer.Subject);
    }

    private static string? CheckSigner(X509Certificate2 signer, X509Certificate2 rootCa, X509Certificate2? expectedSigner, DateTimeOffset now)
    {
        if (expectedSigner is not null && !signer.RawData.AsSpan().SequenceEqual(expectedSigner.RawData))
        {
            return "The bundle was not signed by this agency's bundle-signing certificate.";
        }

        string commonName = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!commonName.EndsWith(SignerCommonNameSuffix, StringComparison.Ordinal))
        {
            return $"The bundle's signer '{commonName}' is not a CamAgent bundle-signing certificate.";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(rootCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(signer))
        {
            return "The bundle's signer certificate does not chain to the agency root CA (or is not valid now): "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        }

        return null;
    }

    private static PkiResult<BundleReport> CheckContent(DeviceBundle bundle, X509Certificate2 rootCa, string signerSubject)
    {
        string config = BundleCodec.AsText(bundle.Config);
        string? agencyCa = DeviceConfigText.Value(config, "agency.ca");
        if (DeviceConfigText.Value(config, "device.id") != bundle.DeviceId)
        {
            return PkiResult<BundleReport>.Fail(PkiError.BadInput, "The configuration's device.id differs from the bundle's device id.");
        }

        if (agencyCa is null || agencyCa != Convert.ToBase64String(rootCa.RawData))
        {
            return PkiResult<BundleReport>.Fail(PkiError.CredentialRefused, "The configuration does not pin this agency's root CA (agency.ca).");
        }

        // The device's own validator (docs/agent.md §3): a bundle the camera would refuse is not valid.
        ConfigResult device = new ConfigValidator(new BundleCredentialCheck()).Validate(bundle.Config, 0, bundle.Config.Length);
        if (!device.IsOk)
        {
            return PkiResult<BundleReport>.Fail(PkiError.CredentialRefused, "The device would refuse the bundle's configuration: " + device.Message);
        }

        BoardValidation board = BoardProfileValidator.Read(BundleCodec.AsText(bundle.BoardProfile), null);
        if (!board.Ok)
        {
            return PkiResult<BundleReport>.Fail(PkiError.BadInput, "The bundle's board profile is invalid: " + string.Join(" ", board.Errors));
        }

        return PkiResult<BundleReport>.Success(new BundleReport(bundle,
            DeviceConfigText.Value(config, "config.serial") ?? "?", DeviceConfigText.Value(config, "agency.host") ?? "?",
            DeviceConfigText.Value(config, "device.signer") ?? "?", board.Profile!.Name, signerSubject));
    }
}

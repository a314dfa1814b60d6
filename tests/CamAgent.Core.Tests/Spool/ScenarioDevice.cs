using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Core.Config;
using CamAgent.Core.Tests.Config;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// One camera's credentials and validated configuration, and the agency's receipt certificate,
/// made once per test class (a class fixture) and shared by the thousands of
/// <see cref="AgentScenario"/> runs of a fault suite.
/// </summary>
public sealed class ScenarioDevice
{
    public ScenarioDevice()
    {
        var credentials = new CredentialsFixture();
        Credentials = credentials.Credentials;
        byte[] text = Credentials.ValidText();
        ConfigResult validated = credentials.Validator.Validate(text, 0, text.Length);
        Assert.True(validated.IsOk, validated.ToString());
        Config = validated.Config;
        using X509Certificate2 receiptCertificate = new CertificateRequest("CN=receipts", Credentials.ReceiptKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        ReceiptCertificateDer = receiptCertificate.RawData;
        Signer = new Support.DotNetP256Signer(Credentials.DevicePrivateScalar);
    }

    /// <summary>The device key as a software signer (stateless between signatures, so every boot of every run shares it).</summary>
    public Support.DotNetP256Signer Signer { get; }

    public Support.TestCredentials Credentials { get; }

    public DeviceConfig Config { get; }

    public byte[] ReceiptCertificateDer { get; }
}

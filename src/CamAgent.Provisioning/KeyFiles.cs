using System.Security.Cryptography;

namespace CamAgent.Provisioning;

/// <summary>
/// Private keys on disk: PKCS#8 PEM, mode 0600, optionally encrypted (PKCS#8 EncryptedPrivateKeyInfo,
/// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC). The passphrase is a parameter: the caller gets it
/// from standard input or an environment variable, never from the command line.
/// </summary>
public static class KeyFiles
{
    private const string EncryptedLabel = "ENCRYPTED PRIVATE KEY";

    /// <summary>Creates a new P-256 key (the only curve CamAgent uses: ES256 on devices and servers).</summary>
    public static ECDsa NewP256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The PEM text for <paramref name="key"/>; encrypted when <paramref name="passphrase"/> is not null.</summary>
    public static string ToPem(ECDsa key, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (passphrase is null)
        {
            return key.ExportPkcs8PrivateKeyPem();
        }

        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, PkiPolicy.KeyEncryptionIterations);
        return key.ExportEncryptedPkcs8PrivateKeyPem(passphrase.AsSpan(), pbe);
    }

    /// <summary>Writes the key with mode 0600; never overwrites an existing key unless asked.</summary>
    public static void Write(string path, ECDsa key, string? passphrase, bool overwrite) =>
        SecureFile.WriteText(path, ToPem(key, passphrase), secret: true, overwrite);

    /// <summary>True when the key file is encrypted (needs a passphrase).</summary>
    public static bool IsEncrypted(string path) => File.Exists(path) && File.ReadAllText(path).Contains(EncryptedLabel, StringComparison.Ordinal);

    /// <summary>
    /// Loads a P-256 private key. Fails with <see cref="PkiError.CredentialRefused"/> for a missing or
    /// wrong passphrase, <see cref="PkiError.BadInput"/> for an unreadable file or another key type.
    /// </summary>
    public static PkiResult<ECDsa> Read(string path, string? passphrase)
    {
        if (!SecureFile.TryReadSmallText(path, PkiPolicy.MaxPemFileBytes, out string pem, out string problem))
        {
            return PkiResult<ECDsa>.Fail(PkiError.BadInput, problem);
        }

        bool encrypted = pem.Contains(EncryptedLabel, StringComparison.Ordinal);
        if (encrypted && passphrase is null)
        {
            return PkiResult<ECDsa>.Fail(PkiError.CredentialRefused,
                $"The key {path} is encrypted: give its passphrase with --passphrase-env VAR or --passphrase-stdin.");
        }

        PkiResult<ECDsa> imported = Import(pem, encrypted ? passphrase : null, path);
        if (!imported.Ok)
        {
            return imported;
        }

        ECDsa key = imported.Value!;
        if (!KeyChecks.IsP256(key))
        {
            key.Dispose();
            return PkiResult<ECDsa>.Fail(PkiError.BadInput, $"The key {path} is not on curve P-256.");
        }

        return PkiResult<ECDsa>.Success(key);
    }

    private static PkiResult<ECDsa> Import(string pem, string? passphrase, string path)
    {
        ECDsa key = ECDsa.Create();
        try
        {
            if (passphrase is not null)
            {
                key.ImportFromEncryptedPem(pem, passphrase.AsSpan());
            }
            else
            {
                key.ImportFromPem(pem);
            }

            return PkiResult<ECDsa>.Success(key);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return passphrase is not null
                ? PkiResult<ECDsa>.Fail(PkiError.CredentialRefused, $"The passphrase does not open the key {path}.")
                : PkiResult<ECDsa>.Fail(PkiError.BadInput, $"{path} does not hold an EC private key in PEM form.");
        }
        catch (ArgumentException)
        {
            key.Dispose();
            return PkiResult<ECDsa>.Fail(PkiError.BadInput, $"{path} does not hold a PEM private key.");
        }
    }
}

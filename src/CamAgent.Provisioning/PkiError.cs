namespace CamAgent.Provisioning;

/// <summary>Why a PKI operation was refused. Expected failures, reported as values (see <see cref="PkiResult{T}"/>).</summary>
public enum PkiError
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>An input (CSR, PEM file, device id, host name, PKI folder) is missing or malformed.</summary>
    BadInput,

    /// <summary>A certificate or key was refused: bad CSR signature, wrong key type or usage, expired or
    /// not-yet-valid CA, revoked device, wrong or missing passphrase.</summary>
    CredentialRefused,

    /// <summary>The operation would overwrite or duplicate existing state (PKI already initialised, device id taken).</summary>
    Conflict,

    /// <summary>The named device (or other item) does not exist in the PKI folder.</summary>
    NotFound,
}

namespace CamAgent.Core.Config
{
    /// <summary>
    /// Why a configuration was refused. Numbers are stable (logged, shown by tools, listed in
    /// docs/agent.md, "Configuration errors"); never renumber. Every refusal also names the field
    /// and line in a <see cref="ConfigResult"/>.
    /// </summary>
    public enum ConfigError
    {
        None = 0,

        // The file as a whole.
        TooLarge = 1,
        NotPrintableAscii = 2,
        CarriageReturn = 3,
        LineTooLong = 4,
        MalformedLine = 5,
        InvalidKey = 6,
        UnknownKey = 7,
        DuplicateKey = 8,
        MissingField = 9,
        UnsupportedVersion = 10,
        EmptyValue = 11,

        // Attempts to choose where the device connects, other than the host name.
        PortNotConfigurable = 20,
        SchemeNotAllowed = 21,
        UserInfoNotAllowed = 22,
        PathNotAllowed = 23,

        // The agency host name.
        HostIsIpLiteral = 30,
        HostWildcard = 31,
        HostInvalidCharacter = 32,
        HostPunycode = 33,
        HostNotLowercase = 34,
        HostTrailingDot = 35,
        HostTooLong = 36,
        HostEmptyLabel = 37,
        HostLabelTooLong = 38,
        HostLabelHyphen = 39,
        HostSingleLabel = 40,
        HostNumericTopLabel = 41,

        // The optional agency address.
        AgencyAddressInvalid = 42,

        // Encodings.
        InvalidBase64 = 50,
        InvalidNumber = 51,
        OutOfRange = 52,

        // Certificates and keys.
        CertificateTooLarge = 60,
        CertificateMalformed = 61,
        AgencyCaNotCertificateAuthority = 62,
        DeviceCertificateIsCertificateAuthority = 63,
        DeviceCertificateKeyNotP256 = 64,
        DeviceIdMismatch = 65,
        CredentialMismatch = 66,
        DeviceKeyInvalid = 67,
        DeviceKeyNotAllowed = 68,
        ReceiptKeyInvalid = 69,
        SignerKindUnknown = 70,
        SoftwareKeyOnSecureElementBoard = 71,

        // Other values.
        DeviceIdInvalid = 80,
        WifiSsidInvalid = 81,
        WifiPasswordInvalid = 82,
        ChunkSizeInvalid = 83,

        // Applying.
        SerialNotNewer = 90,
        StorageFailed = 91,
    }
}

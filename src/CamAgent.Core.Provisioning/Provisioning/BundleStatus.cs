namespace CamAgent.Core.Provisioning
{
    /// <summary>Outcome of checking a device bundle (docs/device-bundle.md). Values are logged; never renumber.</summary>
    public enum BundleStatus
    {
        Ok = 0,

        /// <summary>Not a COSE_Sign1 message in the CamAgent profile with exactly one certificate.</summary>
        NotCoseSign1 = 1,

        /// <summary>The payload is not the version 1 map {1: 1, 2: id, 3: config, 4: board, 5: issued, 6: key}.</summary>
        MalformedPayload = 2,

        /// <summary>The bundle-signing key is not a valid uncompressed P-256 point.</summary>
        InvalidSignerKey = 3,

        /// <summary>A key is pinned and the bundle names a different one: signed by someone else.</summary>
        SignerNotPinned = 4,

        /// <summary>The ES256 signature does not verify with the bundle-signing key.</summary>
        BadSignature = 5,
    }
}

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// Signs SHA-256 digests with the device's P-256 key (ES256). Implemented by the managed
    /// software signer (key in device storage) and by a secure element whose key never leaves
    /// the chip.
    /// </summary>
    public interface ISigner
    {
        /// <summary>What kind of key this is; recorded in every manifest it signs.</summary>
        SignerKind Kind { get; }

        /// <summary>
        /// Writes the 65-byte uncompressed SEC1 public key (0x04 || X || Y) into
        /// <paramref name="publicKey"/> at <paramref name="offset"/>.
        /// </summary>
        SignerStatus GetPublicKey(byte[] publicKey, int offset);

        /// <summary>
        /// Signs the 32-byte SHA-256 digest at <paramref name="digest"/>[<paramref name="digestOffset"/>]
        /// and writes the 64-byte signature r || s (big-endian, each 32 bytes) into
        /// <paramref name="signature"/> at <paramref name="signatureOffset"/>.
        /// The caller owns both buffers. Nothing is written unless the result is <see cref="SignerStatus.Ok"/>.
        /// </summary>
        SignerStatus SignDigest(byte[] digest, int digestOffset, byte[] signature, int signatureOffset);
    }
}

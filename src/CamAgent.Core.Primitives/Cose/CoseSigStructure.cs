using System;
using System.Text;
using CamAgent.Core.Cbor;
using CamAgent.Core.Crypto;

namespace CamAgent.Core.Cose
{
    /// <summary>
    /// Hashes the COSE_Sign1 signature input without building it in memory (RFC 9052 §4.4):
    /// Sig_structure = [ "Signature1", body_protected : bstr, external_aad : bstr (empty), payload : bstr ],
    /// encoded deterministically, then SHA-256 for ES256.
    /// </summary>
    public static class CoseSigStructure
    {
        // A CBOR head is at most 9 bytes.
        private const int MaxHeadBytes = 9;

        // The context string, encoded once: fed to the hash in one call instead of a character at a time.
        private static readonly byte[] Context = Encoding.UTF8.GetBytes(CoseConstants.Signature1Context);

        /// <summary>
        /// Writes SHA-256(Sig_structure) into <paramref name="digest"/> at <paramref name="digestOffset"/>.
        /// <paramref name="sha"/> is reset and reused; <paramref name="scratch"/> must hold at least 9 bytes.
        /// </summary>
        public static void ComputeDigest(
            Sha256 sha,
            byte[] scratch,
            byte[] protectedHeader,
            int protectedOffset,
            int protectedLength,
            byte[] payload,
            int payloadOffset,
            int payloadLength,
            byte[] digest,
            int digestOffset)
        {
            if (sha == null)
            {
                throw new ArgumentNullException("sha");
            }

            if (scratch == null || scratch.Length < MaxHeadBytes)
            {
                throw new ArgumentException("scratch must hold a CBOR head", "scratch");
            }

            sha.Reset();
            UpdateHead(sha, scratch, CborMajorType.Array, 4);
            UpdateHead(sha, scratch, CborMajorType.TextString, (ulong)Context.Length);
            sha.Update(Context, 0, Context.Length);

            UpdateHead(sha, scratch, CborMajorType.ByteString, (ulong)protectedLength);
            sha.Update(protectedHeader, protectedOffset, protectedLength);

            // external_aad is empty: CamAgent binds everything inside the payload.
            UpdateHead(sha, scratch, CborMajorType.ByteString, 0);
            UpdateHead(sha, scratch, CborMajorType.ByteString, (ulong)payloadLength);
            sha.Update(payload, payloadOffset, payloadLength);
            sha.Final(digest, digestOffset);
        }

        private static void UpdateHead(Sha256 sha, byte[] scratch, CborMajorType majorType, ulong argument)
        {
            int size = CborWriter.EncodeHead(majorType, argument, scratch, 0);
            sha.Update(scratch, 0, size);
        }
    }
}

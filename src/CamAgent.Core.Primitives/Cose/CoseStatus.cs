namespace CamAgent.Core.Cose
{
    /// <summary>Outcomes of building or parsing a COSE_Sign1 message.</summary>
    public enum CoseStatus
    {
        Ok = 0,

        /// <summary>The output buffer cannot hold the message; see <see cref="CoseSign1Encoder.EncodedSize"/>.</summary>
        BufferTooSmall = 1,

        /// <summary>The signer failed; its status is in <see cref="CoseSign1Encoder.LastSignerStatus"/>.</summary>
        SignerFailed = 2,

        /// <summary>Not well-formed deterministic CBOR within the reader's limits.</summary>
        MalformedCbor = 3,

        /// <summary>Well-formed CBOR that is not a tagged COSE_Sign1 of the CamAgent profile.</summary>
        NotCoseSign1 = 4,

        /// <summary>A protected header other than alg = ES256, or a header the profile does not allow.</summary>
        UnsupportedHeader = 5,

        /// <summary>No x5chain, or one that is empty or longer than <see cref="CoseConstants.MaxChainCertificates"/>.</summary>
        MissingCertificate = 6,

        /// <summary>The signature is not 64 bytes (r || s, RFC 9053 §2.1).</summary>
        BadSignatureLength = 7,

        /// <summary>A detached (nil) payload; CamAgent always embeds it.</summary>
        DetachedPayload = 8,
    }
}

namespace CamAgent.Core.Cose
{
    /// <summary>The COSE values CamAgent uses, with the registry entries they come from.</summary>
    public static class CoseConstants
    {
        /// <summary>CBOR tag for COSE_Sign1 (RFC 9052 §2, Table 1). Always present on CamAgent records.</summary>
        public const int Sign1Tag = 18;

        /// <summary>The encoded tag head: major type 6, argument 18 (one byte).</summary>
        public const byte Sign1TagByte = 0xD2;

        /// <summary>Header label "alg" (RFC 9052 §3.1).</summary>
        public const int HeaderAlgorithm = 1;

        /// <summary>Header label "x5chain" (RFC 9360 §2).</summary>
        public const int HeaderX5Chain = 33;

        /// <summary>ES256: ECDSA P-256 with SHA-256 (RFC 9053 §2.1).</summary>
        public const int AlgorithmEs256 = -7;

        /// <summary>ES256 signatures are r || s, 32 bytes each (RFC 9053 §2.1).</summary>
        public const int Es256SignatureBytes = 64;

        /// <summary>
        /// Certificates accepted in an x5chain: the signer's plus intermediates. Agencies issue
        /// device certificates directly or from one intermediate; 4 bounds parsing work.
        /// </summary>
        public const int MaxChainCertificates = 4;

        /// <summary>Context string of the Sig_structure for COSE_Sign1 (RFC 9052 §4.4).</summary>
        public const string Signature1Context = "Signature1";
    }
}

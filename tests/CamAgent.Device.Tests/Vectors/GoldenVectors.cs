// Generated from tests/vectors/*.json by DeviceVectorSource (tests/CamAgent.SubsetCheck.Tests).
// Do not edit: run the host tests with CAMAGENT_WRITE_DEVICE_VECTORS=1 to regenerate.
namespace CamAgent.Device.Tests.Vectors
{
    /// <summary>The shared golden vectors as path/value pairs (see VectorTable).</summary>
    public static class GoldenVectors
    {
        /// <summary>tests/vectors/content-digest.json</summary>
        public static readonly string[] ContentDigest = new string[]
        {
            "description", "CamAgent chunked HMAC v1 content digests (docs/evidence-format.md section 4). Content of each case is byte i = (31 * i + 7) mod 256 for i = 0..length-1, except where contentText gives the content as ASCII.",
            "key", "5960fb80cdb076538912e5596a4bc6e9753653f56a130110165bc87e987a1493",
            "cases[0].name", "empty",
            "cases[0].chunkSize", "16384",
            "cases[0].length", "0",
            "cases[0].digest", "690a21e6650401f81b48f9098e6e88a38bc0ac0ab2e708eb21602f0df2d6ad76",
            "cases[1].name", "one-byte",
            "cases[1].chunkSize", "16384",
            "cases[1].length", "1",
            "cases[1].digest", "23863987ff26f18606822073d70ae07af51913710c295ae02e7a7cb67c187754",
            "cases[2].name", "chunk-minus-one",
            "cases[2].chunkSize", "16384",
            "cases[2].length", "16383",
            "cases[2].digest", "9e631e03d734fd05279ff20e37dd315209c7dfa76a5f27a9637fccfa9854706f",
            "cases[3].name", "one-chunk",
            "cases[3].chunkSize", "16384",
            "cases[3].length", "16384",
            "cases[3].digest", "aab5c8edd991ee31f9d161559160180e74e4c9dc16038bc0e7b75fe7e9aa499a",
            "cases[4].name", "chunk-plus-one",
            "cases[4].chunkSize", "16384",
            "cases[4].length", "16385",
            "cases[4].digest", "44f699c0520804901586742470d552161bb2cc9842cc2a61c5b8b96fd3affad8",
            "cases[5].name", "three-chunks",
            "cases[5].chunkSize", "16384",
            "cases[5].length", "49152",
            "cases[5].digest", "e07fd27fc4ece32c0efe904b3bbdaadd699c61cebb4c658b883c1db546a8a065",
            "cases[6].name", "three-chunks-plus-17",
            "cases[6].chunkSize", "16384",
            "cases[6].length", "49169",
            "cases[6].digest", "218e2e8644f456f8c4c19d6f35da4016d96935e14469d2c2b320660a8e1b6e1a",
            "cases[7].name", "worked-example",
            "cases[7].chunkSize", "64",
            "cases[7].length", "70",
            "cases[7].contentText", "CamAgent worked example: seventy bytes of content for the digest tests",
            "cases[7].chainingValues[0]", "c85e5712b5b973432d971ce62ce7b0e726b5d1ad09ab08b5eba5f68ede1896f9",
            "cases[7].chainingValues[1]", "738dc61c71a86243b9004212acaeb5d24dabd868ba0de9d0bbe29d19a39d4eea",
            "cases[7].chainingValues.length", "2",
            "cases[7].digest", "c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda9",
            "cases.length", "8",
        };

        /// <summary>tests/vectors/ecdsa-p256-rfc6979.json</summary>
        public static readonly string[] EcdsaP256Rfc6979 = new string[]
        {
            "description", "RFC 6979 Appendix A.2.5: deterministic ECDSA, curve P-256, hash SHA-256",
            "curve", "P-256",
            "hash", "SHA-256",
            "privateKey", "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "publicKeyX", "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
            "publicKeyY", "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
            "cases[0].message", "sample",
            "cases[0].k", "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
            "cases[0].r", "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            "cases[0].s", "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
            "cases[1].message", "test",
            "cases[1].k", "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
            "cases[1].r", "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            "cases[1].s", "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083",
            "cases.length", "2",
        };

        /// <summary>tests/vectors/evidence-manifest.json</summary>
        public static readonly string[] EvidenceManifest = new string[]
        {
            "description", "A segment manifest (docs/evidence-format.md section 3) and its COSE_Sign1, signed with the public RFC 6979 A.2.5 test key (RFC 6979 nonces: the signature is deterministic). The certificate is a placeholder byte string, not a certificate.",
            "fields.deviceId", "cam-vector-01",
            "fields.sequence", "7",
            "fields.bootCount", "2",
            "fields.recordingId", "5",
            "fields.contentLength", "70",
            "fields.chunkSize", "64",
            "fields.contentDigest", "c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda9",
            "fields.previousRecordDigest", "71547e237559add83f6c9279fdb5762eafee857a1060e2d97c0316a70cefb6ba",
            "fields.signerKind", "1",
            "fields.wallStartMs", "1767225600000",
            "fields.wallEndMs", "1767225610000",
            "fields.monotonicStartMs", "120000",
            "fields.monotonicEndMs", "130000",
            "fields.clockState", "1",
            "fields.lastSyncAgeMs", "45000",
            "fields.uncertaintyMs", "150",
            "fields.timeFloorMs", "1767200000000",
            "fields.truncated", "false",
            "fields.lastReceiptDigest", "18f02063280daa3e8a58cc45c63a1e447590c18960935be7f93511b14ded8549",
            "fields.kind", "1",
            "fields.event", "0",
            "fields.eventDetail", "0",
            "fields.version", "1",
            "privateKey", "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "publicKey", "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
            "certificate", "43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465",
            "payload", "b7010102010300046d63616d2d766563746f722d30310507060207050818460918400a5820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90b582071547e237559add83f6c9279fdb5762eafee857a1060e2d97c0316a70cefb6ba0c010d1b0000019b76daa8000e1b0000019b76dacf100f1a0001d4c0101a0001fbd011011219afc8131896141b0000019b7554080015f416582018f02063280daa3e8a58cc45c63a1e447590c18960935be7f93511b14ded85491700",
            "protectedHeader", "a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465",
            "sigStructure", "846a5369676e6174757265315841a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f7420612063657274696669636174654058c4b7010102010300046d63616d2d766563746f722d30310507060207050818460918400a5820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90b582071547e237559add83f6c9279fdb5762eafee857a1060e2d97c0316a70cefb6ba0c010d1b0000019b76daa8000e1b0000019b76dacf100f1a0001d4c0101a0001fbd011011219afc8131896141b0000019b7554080015f416582018f02063280daa3e8a58cc45c63a1e447590c18960935be7f93511b14ded85491700",
            "toBeSigned", "5e39108ecd0b4120c99babd73c732539a8f3dad5bd28b930c7d8b8a3d5021c98",
            "coseSign1", "d2845841a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465a058c4b7010102010300046d63616d2d766563746f722d30310507060207050818460918400a5820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90b582071547e237559add83f6c9279fdb5762eafee857a1060e2d97c0316a70cefb6ba0c010d1b0000019b76daa8000e1b0000019b76dacf100f1a0001d4c0101a0001fbd011011219afc8131896141b0000019b7554080015f416582018f02063280daa3e8a58cc45c63a1e447590c18960935be7f93511b14ded854917005840da5b19f0367848f8e9eb60a8443dbc6c4e9ed849aa4a549ec3d99bd95581da3e2969878ec6564dbfeac2417b5e3a372ab03edbcd03ce9cfcbd37a16d55f27381",
            "recordDigest", "35ecb0bdd4a0a7ff010aee8a492ec1b6fd2faa8bdcad1534d0da6932d7484e57",
        };

        /// <summary>tests/vectors/evidence-receipt.json</summary>
        public static readonly string[] EvidenceReceipt = new string[]
        {
            "description", "A receipt (docs/evidence-format.md section 6) and its COSE_Sign1, signed with the public RFC 6979 A.2.5 test key. The certificate is a placeholder byte string.",
            "fields.version", "1",
            "fields.deviceId", "cam-vector-01",
            "fields.sequence", "7",
            "fields.contentLength", "70",
            "fields.contentDigest", "c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda9",
            "fields.manifestDigest", "2166ac7bba205132063a001304ff0aecd1bb2e8d6c304893ad955164d6a4e34c",
            "fields.serverTimeMs", "1767225700000",
            "fields.uploadId", "cam-vector-01-7",
            "privateKey", "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "publicKey", "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
            "certificate", "43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465",
            "payload", "a80101026d63616d2d766563746f722d30310307041846055820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90658202166ac7bba205132063a001304ff0aecd1bb2e8d6c304893ad955164d6a4e34c071b0000019b76dc2ea0086f63616d2d766563746f722d30312d37",
            "protectedHeader", "a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465",
            "sigStructure", "846a5369676e6174757265315841a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465405878a80101026d63616d2d766563746f722d30310307041846055820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90658202166ac7bba205132063a001304ff0aecd1bb2e8d6c304893ad955164d6a4e34c071b0000019b76dc2ea0086f63616d2d766563746f722d30312d37",
            "toBeSigned", "fc02baf01f7701a30791f2f26d93f50a973a39e64f0c52205eda2a10223bd0ba",
            "coseSign1", "d2845841a201261821583a43616d4167656e74207465737420766563746f723a20706c616365686f6c6465722062797465732c206e6f742061206365727469666963617465a05878a80101026d63616d2d766563746f722d30310307041846055820c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda90658202166ac7bba205132063a001304ff0aecd1bb2e8d6c304893ad955164d6a4e34c071b0000019b76dc2ea0086f63616d2d766563746f722d30312d375840ca4740f4e49a554198c5b8a587040a1d97e9200776aff912d7e47a4a81e43ea92f18c1ed578950906be6526b56f02a276069b7dcda6ea87c89ef9c4f6dfa3191",
            "recordDigest", "297dace51550c8fd4f3865c5f867906f95ff66fe61dc3967b15aa9ddddda87e1",
        };
    }
}

// Generated from tests/vectors/*.json by DeviceVectorSource (tests/CamAgent.SubsetCheck.Tests).
// Do not edit: run the host tests with CAMAGENT_WRITE_DEVICE_VECTORS=1 to regenerate.
namespace CamAgent.Device.Tests.Vectors
{
    /// <summary>The shared golden vectors as path/value pairs (see VectorTable).</summary>
    public static class GoldenVectors
    {
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
    }
}

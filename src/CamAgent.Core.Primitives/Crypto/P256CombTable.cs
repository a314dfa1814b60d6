namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// The precomputed comb for the P-256 base point G (4 teeth, spacing 64; see docs/crypto.md).
    /// Entry b (0..15) is the affine point (b0 + b1 2^64 + b2 2^128 + b3 2^192) G, where bj is
    /// bit j of b, stored as 16 limbs: x (8 limbs, least significant first) then y (8 limbs).
    /// Entry 0 would be the point at infinity; it is stored as zeros and its sum is never kept.
    /// The values are a constant rather than computed at start-up because building them costs
    /// about as much as one signature (192 doublings, 11 additions and an inversion); the host
    /// tests recompute every entry independently with the platform's ECDSA implementation.
    /// Size: 16 entries x 64 bytes = 1024 bytes.
    /// </summary>
    public static class P256CombTable
    {
        /// <summary>Number of teeth: bits of the scalar combined into one table index.</summary>
        public const int Teeth = 4;

        /// <summary>Distance in bits between teeth (256 / <see cref="Teeth"/>), i.e. the number of comb columns.</summary>
        public const int Spacing = 64;

        /// <summary>Number of entries (2^<see cref="Teeth"/>).</summary>
        public const int Entries = 16;

        /// <summary>Limbs per entry: x then y.</summary>
        public const int EntryLimbs = 2 * Uint256.Limbs;

        /// <summary>Size of the table in bytes.</summary>
        public const int SizeBytes = Entries * EntryLimbs * 4;

        /// <summary>The table, <see cref="Entries"/> x <see cref="EntryLimbs"/> limbs.</summary>
        public static readonly uint[] Points = new uint[]
        {
            // 0 (infinity: never selected, see Multiply)
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            // 1
            0xD898C296, 0xF4A13945, 0x2DEB33A0, 0x77037D81, 0x63A440F2, 0xF8BCE6E5, 0xE12C4247, 0x6B17D1F2,
            0x37BF51F5, 0xCBB64068, 0x6B315ECE, 0x2BCE3357, 0x7C0F9E16, 0x8EE7EB4A, 0xFE1A7F9B, 0x4FE342E2,
            // 2
            0x8E14DB63, 0x90E75CB4, 0xAD651F7E, 0x29493BAA, 0x326E25DE, 0x8492592E, 0x2811AAA5, 0x0FA822BC,
            0x5F462EE7, 0xE4112454, 0x50FE82F5, 0x34B1A650, 0xB3DF188B, 0x6F4AD4BC, 0xF5DBA80D, 0xBFF44AE8,
            // 3
            0x097992AF, 0x93391CE2, 0x0D35F1FA, 0xE96C98FD, 0x95E02789, 0xB257C0DE, 0x89D6726F, 0x300A4BBC,
            0xC08127A0, 0xAA54A291, 0xA9D806A5, 0x5BB1EEAD, 0xFF1E3C6F, 0x7F1DDB25, 0xD09B4644, 0x72AAC7E0,
            // 4
            0xD789BD85, 0x57C84FC9, 0xC297EAC3, 0xFC35FF7D, 0x88C6766E, 0xFB982FD5, 0xEEDB5E67, 0x447D739B,
            0x72E25B32, 0x0C7E33C9, 0xA7FAE500, 0x3D349B95, 0x3A4AAFF7, 0xE12E9D95, 0x834131EE, 0x2D4825AB,
            // 5
            0x2A1D367F, 0x13949C93, 0x1A0A11B7, 0xEF7FBD2B, 0xB91DFC60, 0xDDC6068B, 0x8A9C72FF, 0xEF951932,
            0x7376D8A8, 0x196035A7, 0x95CA1740, 0x23183B08, 0x022C219C, 0xC1EE9807, 0x7DBB2C9B, 0x611E9FC3,
            // 6
            0x0B57F4BC, 0xCAE2B192, 0xC6C9BC36, 0x2936DF5E, 0xE11238BF, 0x7DEA6482, 0x7B51F5D8, 0x55066379,
            0x348A964C, 0x44FFE216, 0xDBDEFBE1, 0x9FB3D576, 0x8D9D50E5, 0x0AFA4001, 0x8AECB851, 0x15716484,
            // 7
            0xFC5CDE01, 0xE48ECAFF, 0x0D715F26, 0x7CCD84E7, 0xF43E4391, 0xA2E8F483, 0xB21141EA, 0xEB5D7745,
            0x731A3479, 0xCAC917E2, 0x2844B645, 0x85F22CFE, 0x58006CEE, 0x0990E6A1, 0xDBECC17B, 0xEAFD72EB,
            // 8
            0x313728BE, 0x6CF20FFB, 0xA3C6B94A, 0x96439591, 0x44315FC5, 0x2736FF83, 0xA7849276, 0xA6D39677,
            0xC357F5F4, 0xF2BAB833, 0x2284059B, 0x824A920C, 0x2D27ECDF, 0x66B8BABD, 0x9B0B8816, 0x674F8474,
            // 9
            0x677C8A3E, 0x2DF48C04, 0x0203A56B, 0x74E02F08, 0xB8C7FEDB, 0x31855F7D, 0x72C9DDAD, 0x4E769E76,
            0xB824BBB0, 0xA4C36165, 0x3B9122A5, 0xFB9AE16F, 0x06947281, 0x1EC00572, 0xDE830663, 0x42B99082,
            // 10
            0xDDA868B9, 0x6EF95150, 0x9C0CE131, 0xD1F89E79, 0x08A1C478, 0x7FDC1CA0, 0x1C6CE04D, 0x78878EF6,
            0x1FE0D976, 0x9C62B912, 0xBDE08D4F, 0x6ACE570E, 0x12309DEF, 0xDE53142C, 0x7B72C321, 0xB6CB3F5D,
            // 11
            0xC31A3573, 0x7F991ED2, 0xD54FB496, 0x5B82DD5B, 0x812FFCAE, 0x595C5220, 0x716B1287, 0x0C88BC4D,
            0x5F48ACA8, 0x3A57BF63, 0xDF2564F3, 0x7C8181F4, 0x9C04E6AA, 0x18D1B5B3, 0xF3901DC6, 0xDD5DDEA3,
            // 12
            0x3E72AD0C, 0xE96A79FB, 0x42BA792F, 0x43A0A28C, 0x083E49F3, 0xEFE0A423, 0x6B317466, 0x68F344AF,
            0x3FB24D4A, 0xCDFE17DB, 0x71F5C626, 0x668BFC22, 0x24D67FF3, 0x604ED93C, 0xF8540A20, 0x31B9C405,
            // 13
            0xA2582E7F, 0xD36B4789, 0x4EC39C28, 0x0D1A1014, 0xEDBAD7A0, 0x663C62C3, 0x6F461DB9, 0x4052BF4B,
            0x188D25EB, 0x235A27C3, 0x99BFCC5B, 0xE724F339, 0x71D70CC8, 0x862BE6BD, 0x90B0FC61, 0xFECF4D51,
            // 14
            0xA1D4CFAC, 0x74346C10, 0x8526A7A4, 0xAFDF5CC0, 0xF62BFF7A, 0x123202A8, 0xC802E41A, 0x1EDDBAE2,
            0xD603F844, 0x8FA0AF2D, 0x4C701917, 0x36E06B7E, 0x73DB33A0, 0x0C45F452, 0x560EBCFC, 0x43104D86,
            // 15
            0x0D1D78E5, 0x9615B511, 0x25C4744B, 0x66B0DE32, 0x6AAF363A, 0x0A4A46FB, 0x84F7A21C, 0xB48E26B4,
            0x21A01B2D, 0x06EBB0F6, 0x8B7B0F98, 0xC004E404, 0xFED6F668, 0x64131BCD, 0x4D4D3DAB, 0xFAC01540,
        };
    }
}

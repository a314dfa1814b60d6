namespace CamAgent.Core.Crypto
{
    /// <summary>
    /// The SHA-256 compression function (FIPS 180-4 §6.2.2) written for an interpreter, where every
    /// IL instruction costs about the same and a call costs many: rotations inline, the working
    /// variables in locals, eight rounds per loop pass so that the variables change roles instead
    /// of being moved (h = g; g = f; ... is 16 instructions per round), and Maj as
    /// (a &amp; b) | (c &amp; (a | b)). About 9,900 IL instructions per block (4,169 of them the
    /// message schedule) against 17,477 for the round-per-pass form with a rotate method (docs/device-build.md, "Device CPU budget").
    /// </summary>
    internal static class Sha256Block
    {
        private const int ScheduleWords = 64;

        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        /// <summary>Words of message schedule the caller allocates once for <see cref="Compress"/>.</summary>
        internal static int ScheduleSize
        {
            get { return ScheduleWords; }
        }

        /// <summary>Compresses the 64-byte <paramref name="block"/> into <paramref name="state"/> (8 words), using <paramref name="w"/> (64 words) as scratch.</summary>
        internal static void Compress(uint[] state, byte[] block, uint[] w)
        {
            Schedule(block, w);
            uint[] k = RoundConstants;
            uint a = state[0], b = state[1], c = state[2], d = state[3];
            uint e = state[4], f = state[5], g = state[6], h = state[7];
            for (int t = 0; t < ScheduleWords; t += 8)
            {
                uint x = unchecked(h + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + k[t] + w[t]);
                d = unchecked(d + x);
                h = unchecked(x + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b))));
                x = unchecked(g + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + k[t + 1] + w[t + 1]);
                c = unchecked(c + x);
                g = unchecked(x + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a))));
                x = unchecked(f + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + k[t + 2] + w[t + 2]);
                b = unchecked(b + x);
                f = unchecked(x + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h))));
                x = unchecked(e + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + k[t + 3] + w[t + 3]);
                a = unchecked(a + x);
                e = unchecked(x + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g))));
                x = unchecked(d + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + k[t + 4] + w[t + 4]);
                h = unchecked(h + x);
                d = unchecked(x + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f))));
                x = unchecked(c + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + k[t + 5] + w[t + 5]);
                g = unchecked(g + x);
                c = unchecked(x + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e))));
                x = unchecked(b + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + k[t + 6] + w[t + 6]);
                f = unchecked(f + x);
                b = unchecked(x + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d))));
                x = unchecked(a + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + k[t + 7] + w[t + 7]);
                e = unchecked(e + x);
                a = unchecked(x + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c))));
            }

            state[0] = unchecked(state[0] + a);
            state[1] = unchecked(state[1] + b);
            state[2] = unchecked(state[2] + c);
            state[3] = unchecked(state[3] + d);
            state[4] = unchecked(state[4] + e);
            state[5] = unchecked(state[5] + f);
            state[6] = unchecked(state[6] + g);
            state[7] = unchecked(state[7] + h);
        }

        // FIPS 180-4 §6.2.2 step 1: the block as 16 big-endian words, then 48 derived words.
        private static void Schedule(byte[] block, uint[] w)
        {
            for (int t = 0, i = 0; t < 16; t++, i += 4)
            {
                w[t] = ((uint)block[i] << 24) | ((uint)block[i + 1] << 16) | ((uint)block[i + 2] << 8) | block[i + 3];
            }

            for (int t = 16; t < ScheduleWords; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                w[t] = unchecked(w[t - 16] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3))
                    + w[t - 7] + (((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10)));
            }
        }
    }
}

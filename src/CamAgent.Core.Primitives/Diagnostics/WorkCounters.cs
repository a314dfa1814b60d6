using System.Diagnostics;

namespace CamAgent.Core.Diagnostics
{
    /// <summary>
    /// Deterministic counts of the managed per-byte work the device code does: bytes checksummed
    /// with CRC-32, bytes and blocks through the managed SHA-256, request-head bytes built and the
    /// managed per-character steps spent building them, response-head bytes parsed and the string
    /// characters read to match their fields. The benchmark (./bench.sh cpu) reads them
    /// to show what a sealed and uploaded segment costs an interpreter; docs/device-build.md,
    /// "Device CPU budget", turns them into nanoCLR time.
    /// Every <c>Add*</c> method is <see cref="ConditionalAttribute"/> on
    /// <see cref="CompilationSymbol"/>, which only the host build of the device libraries defines
    /// (src/CamAgent.Core.props): in the nanoFramework build the compiler removes the calls, so the
    /// device executes and stores none of this. Counts are added once per call with the call's
    /// byte count, never per byte. Not synchronised: only a single-threaded reader (the benchmark)
    /// relies on them; concurrent users on the host may lose increments, which nothing reads.
    /// </summary>
    public static class WorkCounters
    {
        /// <summary>The symbol that keeps the counting calls in a build.</summary>
        public const string CompilationSymbol = "CAMAGENT_WORK_COUNTERS";

        private static long _crc32Bytes;
        private static long _sha256Bytes;
        private static long _sha256Blocks;
        private static long _requestHeadBytes;
        private static long _requestHeadCharSteps;
        private static long _responseHeadBytes;
        private static long _responseStringSteps;

        /// <summary>Bytes run through <c>Crc32.Compute</c>.</summary>
        public static long Crc32Bytes
        {
            get { return _crc32Bytes; }
        }

        /// <summary>Message bytes fed to the managed SHA-256 (the managed HMAC-SHA256 included).</summary>
        public static long Sha256Bytes
        {
            get { return _sha256Bytes; }
        }

        /// <summary>64-byte blocks compressed by the managed SHA-256, padding blocks included.</summary>
        public static long Sha256Blocks
        {
            get { return _sha256Blocks; }
        }

        /// <summary>Bytes of request heads completed by the HTTP request writer.</summary>
        public static long RequestHeadBytes
        {
            get { return _requestHeadBytes; }
        }

        /// <summary>
        /// Iterations of managed per-character or per-digit loops while building request heads
        /// (checking or copying one character, formatting one digit). Native copies of
        /// pre-encoded bytes are not steps.
        /// </summary>
        public static long RequestHeadCharSteps
        {
            get { return _requestHeadCharSteps; }
        }

        /// <summary>Bytes of response heads received and parsed (status line, fields, empty line).</summary>
        public static long ResponseHeadBytes
        {
            get { return _responseHeadBytes; }
        }

        /// <summary>
        /// Characters read from strings to match response field names and values against the
        /// bytes received (on nanoCLR each is a call into the native string indexer).
        /// </summary>
        public static long ResponseStringSteps
        {
            get { return _responseStringSteps; }
        }

        /// <summary>Sets every count to zero.</summary>
        public static void Reset()
        {
            _crc32Bytes = 0;
            _sha256Bytes = 0;
            _sha256Blocks = 0;
            _requestHeadBytes = 0;
            _requestHeadCharSteps = 0;
            _responseHeadBytes = 0;
            _responseStringSteps = 0;
        }

        [Conditional(CompilationSymbol)]
        public static void AddCrc32Bytes(int count)
        {
            _crc32Bytes += count;
        }

        [Conditional(CompilationSymbol)]
        public static void AddSha256Bytes(int count)
        {
            _sha256Bytes += count;
        }

        [Conditional(CompilationSymbol)]
        public static void AddSha256Block()
        {
            _sha256Blocks++;
        }

        [Conditional(CompilationSymbol)]
        public static void AddRequestHeadBytes(int count)
        {
            _requestHeadBytes += count;
        }

        [Conditional(CompilationSymbol)]
        public static void AddRequestHeadCharSteps(int count)
        {
            _requestHeadCharSteps += count;
        }
   
        [Conditional(CompilationSymbol)]
        public static void AddResponseHeadBytes(int count)
        {
            _responseHeadBytes += count;
        }

        [Conditional(CompilationSymbol)]
        public static void AddResponseStringSteps(int count)
        {
            _responseStringSteps += count;
        }
    }
}

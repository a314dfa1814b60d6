using System.Diagnostics;
using System.Security.Cryptography;
using CamAgent.Core.Crypto;

namespace CamAgent.Benchmarks;

/// <summary>
/// Managed ES256 (src/CamAgent.Core.Primitives/Crypto): host time per signature and verification, field
/// operation counts (deterministic), table size, and an ESP32 estimate from the calibration
/// factors below.
/// </summary>
public static class EcdsaBenchmark
{
    // Calibration: the nanoFramework interpreter runs this kind of integer code about 100-120x
    // slower than .NET on the same machine, and an ESP32 (240 MHz Xtensa) a further 250-550x
    // slower than a desktop core.
    private const double InterpreterFactorLow = 100;
    private const double InterpreterFactorHigh = 120;
    private const double Esp32FactorLow = 250;
    private const double Esp32FactorHigh = 550;

    // .NET first runs a method as quickly compiled code and swaps in the optimised version only
    // after it has been called for a while (tiered compilation); a warm-up by count alone measured
    // that first version (about twice slower). The calibration factors are against optimised code.
    private const int WarmupRuns = 20;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1.5);
    private const int MeasuredRuns = 201;

    public static void Run(TextWriter output)
    {
        byte[] key = new byte[32];
        byte[] digest = SHA256.HashData("CamAgent benchmark"u8);
        RandomNumberGenerator.Fill(key);
        key[0] &= 0x7F; // below n
        using var signer = new EcdsaP256Signer(key);
        byte[] publicKey = new byte[EcdsaP256Signer.PublicKeySizeBytes];
        signer.GetPublicKey(publicKey, 0);
        byte[] signature = new byte[EcdsaP256Signer.SignatureSizeBytes];
        var verifier = new EcdsaP256Verifier();

        double signUs = MedianMicroseconds(() => signer.SignDigest(digest, 0, signature, 0));
        double verifyUs = MedianMicroseconds(() => verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0));
        double verifyNewKeyUs = MedianMicroseconds(() => EcdsaP256Verifier.Verify(publicKey, 0, digest, 0, signature, 0));
        var fresh = new EcdsaP256Verifier();
        fresh.VerifyDigest(publicKey, 0, digest, 0, signature, 0);

        signer.ResetCounters();
        signer.SignDigest(digest, 0, signature, 0);
        verifier.ResetCounters();
        bool valid = verifier.VerifyDigest(publicKey, 0, digest, 0, signature, 0);

        output.WriteLine("ecdsa: managed ES256 (P-256, SHA-256 digest in, RFC 6979 nonces)");
        output.WriteLine($"ecdsa: sign              host median {signUs:F1} us over {MeasuredRuns} runs; field mul {signer.FieldMultiplyCount}, sqr {signer.FieldSquareCount}, total {signer.FieldMultiplyCount + signer.FieldSquareCount}; mod-n products {signer.ScalarMultiplyCount}");
        output.WriteLine($"ecdsa: verify, kept key  host median {verifyUs:F1} us over {MeasuredRuns} runs; field mul {verifier.FieldMultiplyCount}, sqr {verifier.FieldSquareCount}, total {verifier.FieldMultiplyCount + verifier.FieldSquareCount}; mod-n products {verifier.ScalarMultiplyCount}; valid={valid}");
        output.WriteLine($"ecdsa: verify, new key   host median {verifyNewKeyUs:F1} us over {MeasuredRuns} runs; field mul {fresh.FieldMultiplyCount}, sqr {fresh.FieldSquareCount}, total {fresh.FieldMultiplyCount + fresh.FieldSquareCount} (includes building the key's comb table)");
        output.WriteLine($"ecdsa: comb table {P256CombTable.SizeBytes} bytes ({P256CombTable.Entries} affine points, constant)");
        output.WriteLine($"ecdsa: ESP32 estimate sign {Estimate(signUs)}, verify with kept key {Estimate(verifyUs)}, with new key {Estimate(verifyNewKeyUs)} (x{InterpreterFactorLow}-{InterpreterFactorHigh} interpreter, x{Esp32FactorLow}-{Esp32FactorHigh} ESP32)");
    }

    private static string Estimate(double hostUs)
    {
        double lowS = hostUs * InterpreterFactorLow * Esp32FactorLow / 1e6;
        double highS = hostUs * InterpreterFactorHigh * Esp32FactorHigh / 1e6;
        return $"{lowS:F1}-{highS:F1} s";
    }

    /// <summary>The median of 201 timed runs of <paramref name="action"/>, after at least 20 untimed ones and 1.5 s.</summary>
    internal static double MedianMicroseconds(Action action)
    {
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < WarmupRuns || warmup.Elapsed < WarmupTime; i++)
        {
            action();
        }

        double[] samples = new double[MeasuredRuns];
        for (int i = 0; i < MeasuredRuns; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples[MeasuredRuns / 2];
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using CamAgent.Core.SecureElement;
using CamAgent.Simulation.SecureElement;

namespace CamAgent.Benchmarks;

/// <summary>
/// ATECC608 signing through the driver against the emulator: bus transactions and bytes per
/// signature (deterministic), the time the driver waits on the chip (emulated execution times,
/// see docs/secure-element.md §6), the I2C wire time those bytes take at 100 kHz, and the host
/// CPU time of driver plus emulator.
/// </summary>
public static class SecureElementBenchmark
{
    /// <summary>Standard-mode I2C: 100 kbit/s, 9 clock cycles per byte (8 data bits and the acknowledge).</summary>
    private const double BusBitsPerSecond = 100_000;
    private const int ClocksPerByte = 9;
    private const int Signatures = 200;

    public static void Run(TextWriter output)
    {
        var clock = new EmulatorClock();
        using var chip = new Atecc608Emulator(clock);
        chip.LockConfiguration();
        chip.LockData();
        var driver = new Atecc608(chip, clock);
        driver.GenerateKey(0, new byte[Atecc608.PublicKeyBytes], 0);
        var signer = new SecureElementSigner(driver, 0);
        byte[] digest = SHA256.HashData("CamAgent benchmark"u8);
        byte[] signature = new byte[SecureElementSigner.SignatureBytes];
        signer.SignDigest(digest, 0, signature, 0);

        int transactions = chip.Transactions;
        long bytes = chip.BytesTransferred;
        long waitedMs = clock.WaitedMs;
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < Signatures; i++)
        {
            signer.SignDigest(digest, 0, signature, 0);
        }

        stopwatch.Stop();
        double perTransactions = (chip.Transactions - transactions) / (double)Signatures;
        double perBytes = (chip.BytesTransferred - bytes) / (double)Signatures;
        double perWaitMs = (clock.WaitedMs - waitedMs) / (double)Signatures;
        double wireMs = perBytes * ClocksPerByte / BusBitsPerSecond * 1000;
        output.WriteLine("secure element (ATECC608 driver + emulator), per signature:");
        output.WriteLine($"  bus transactions     {perTransactions:0.0} (wake, Nonce, polls, Sign, polls, sleep)");
        output.WriteLine($"  bytes on the bus     {perBytes:0} (about {wireMs:0.0} ms at 100 kHz)");
        output.WriteLine($"  driver wait          {perWaitMs:0.0} ms with emulated execution times (data-sheet bound: {AteccTiming.WakeHighDelayMs + AteccTiming.NonceMaxMs + AteccTiming.SignMaxMs + 2 * AteccTiming.PollMarginMs} ms)");
        output.WriteLine($"  host CPU             {stopwatch.Elapsed.TotalMilliseconds * 1000 / Signatures:0} µs (driver + emulator incl. .NET ECDSA)");
    }
}

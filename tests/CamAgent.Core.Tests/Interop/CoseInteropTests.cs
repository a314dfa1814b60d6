using CamAgent.Core.Evidence;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Interop;

/// <summary>
/// Records sealed by Core verify with independent implementations (cose-js for COSE_Sign1/ES256,
/// the `cbor` package for canonical CBOR); see tests/interop/README.md. Node is required: CI
/// installs it, so its absence is a failure, not a skip.
/// </summary>
public class CoseInteropTests
{
    private static void EnsureInteropPackages() => InteropPackages.Ensure("20+", "cose-js", "cbor");

    private static ExternalTool.Result VerifyWithCoseJs(byte[] publicKey, IEnumerable<string> files)
    {
        var arguments = new List<string> { "verify-cose.js", Convert.ToHexStringLower(publicKey) };
        arguments.AddRange(files);
        return ExternalTool.Run("node", arguments, RepositoryPaths.Interop);
    }

    [Fact]
    public void Sealed_Segments_And_Continuity_Records_Verify_With_Cose_Js()
    {
        EnsureInteropPackages();
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        string folder = Directory.CreateTempSubdirectory("camagent-interop-").FullName;
        try
        {
            var files = new List<string>();
            var records = new List<byte[]>
            {
                device.SealContinuity(ContinuityEvent.RecordingStart),
                device.SealSegment(new byte[0]),
                device.SealSegment(new byte[ContentDigest.DefaultChunkSizeBytes + 1]),
                device.SealContinuity(ContinuityEvent.ClockStep, detail: -5_000),
                device.SealContinuity(ContinuityEvent.RecordingStop),
            };
            for (int i = 0; i < records.Count; i++)
            {
                string file = Path.Combine(folder, $"{i}.cose");
                File.WriteAllBytes(file, records[i]);
                files.Add(file);
            }

            byte[] publicKey = new byte[65];
            device.Signer.GetPublicKey(publicKey, 0);
            ExternalTool.Result result = VerifyWithCoseJs(publicKey, files);
            Assert.True(result.ExitCode == 0, result.Output + result.Error);
            Assert.Equal(records.Count, result.Output.Split('\n').Count(line => line.StartsWith("OK ", StringComparison.Ordinal) && line.EndsWith($" {ManifestKeys.Count}", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Cose_Js_Rejects_A_Tampered_Record_And_A_Foreign_Key()
    {
        EnsureInteropPackages();
        using var pki = new TestPki();
        using var device = new TestDevice(pki);
        using var other = new TestDevice(pki, "cam-0002");
        byte[] record = device.SealSegment(new byte[100]);
        string folder = Directory.CreateTempSubdirectory("camagent-interop-").FullName;
        try
        {
            byte[] tampered = (byte[])record.Clone();
            tampered[^70] ^= 0x01;
            string tamperedFile = Path.Combine(folder, "tampered.cose");
            string goodFile = Path.Combine(folder, "good.cose");
            File.WriteAllBytes(tamperedFile, tampered);
            File.WriteAllBytes(goodFile, record);

            byte[] publicKey = new byte[65];
            device.Signer.GetPublicKey(publicKey, 0);
            ExternalTool.Result tamperedResult = VerifyWithCoseJs(publicKey, new[] { tamperedFile });
            Assert.Equal(1, tamperedResult.ExitCode);
            Assert.StartsWith("FAIL", tamperedResult.Output);

            other.Signer.GetPublicKey(publicKey, 0);
            ExternalTool.Result foreignResult = VerifyWithCoseJs(publicKey, new[] { goodFile });
            Assert.Equal(1, foreignResult.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Crypto;
using CamAgent.Core.Evidence;
using CamAgent.Core.Platform;
using CamAgent.Host.Crypto;
using CamAgent.Tests.Support;

namespace CamAgent.Core.Tests.Evidence;

/// <summary>
/// Golden vectors of tests/vectors/ (see its README). Content digests were computed by an
/// independent implementation; manifest and receipt vectors are checked byte for byte, including
/// the RFC 6979 signature of the managed signer. CAMAGENT_WRITE_VECTORS=1 rewrites
/// evidence-manifest.json, evidence-power-loss.json and evidence-receipt.json from the current code
/// (review the diff).
/// </summary>
public class EvidenceVectorTests
{
    // RFC 6979 A.2.5: a published test key. It protects nothing.
    private const string TestPrivateKey = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";

    private static readonly byte[] PlaceholderCertificate = Encoding.ASCII.GetBytes("CamAgent test vector: placeholder bytes, not a certificate");

    private static bool Write => Environment.GetEnvironmentVariable("CAMAGENT_WRITE_VECTORS") == "1";

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, name)))!;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Content_Digests_Match_The_Independent_Vectors()
    {
        JsonNode vectors = Load("content-digest.json");
        Assert.Equal(Hex(ContentDigest.CopyKey()), (string)vectors["key"]!);
        foreach (JsonNode? item in vectors["cases"]!.AsArray())
        {
            int length = (int)item!["length"]!;
            int chunk = (int)item["chunkSize"]!;
            byte[] content = item["contentText"] is JsonNode text
                ? Encoding.ASCII.GetBytes((string)text!)
                : Enumerable.Range(0, length).Select(i => (byte)(((31 * i) + 7) % 256)).ToArray();
            var digest = new ContentDigest(new HostHmacSha256Factory(), chunk);
            digest.Append(content, 0, content.Length);
            byte[] result = new byte[32];
            digest.Finish(result, 0);
            Assert.Equal((string)item["digest"]!, Hex(result));
        }
    }

    private static Manifest VectorManifest()
    {
        var manifest = new Manifest
        {
            DeviceId = "cam-vector-01",
            Sequence = 7,
            BootCount = 2,
            RecordingId = 5,
            ContentLength = 70,
            ChunkSizeBytes = 64,
            SignerKind = SignerKind.Software,
            WallStartMs = 1_767_225_600_000,
            WallEndMs = 1_767_225_610_000,
            MonotonicStartMs = 120_000,
            MonotonicEndMs = 130_000,
            ClockState = ClockState.Valid,
            LastSyncAgeMs = 45_000,
            UncertaintyMs = 150,
            TimeFloorMs = 1_767_200_000_000,
            HasLastReceiptDigest = true,
        };
        Convert.FromHexString("c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda9").CopyTo(manifest.ContentDigestBytes, 0);
        SHA256.HashData("previous record"u8).CopyTo(manifest.PreviousRecordDigest, 0);
        SHA256.HashData("last receipt"u8).CopyTo(manifest.LastReceiptDigest, 0);
        return manifest;
    }

    private static Receipt VectorReceipt()
    {
        var receipt = new Receipt { DeviceId = "cam-vector-01", Sequence = 7, ContentLength = 70, ServerTimeMs = 1_767_225_700_000, UploadId = "cam-vector-01-7" };
        Convert.FromHexString("c0d51a2f929cb5f3b89903b922ab0fd5b89f3c6b0763e6a25b0dd74ec81dbda9").CopyTo(receipt.ContentDigestBytes, 0);
        SHA256.HashData("manifest record"u8).CopyTo(receipt.ManifestDigest, 0);
        return receipt;
    }

    private static JsonObject Describe(byte[] payload)
    {
        using var signer = new EcdsaP256Signer(Convert.FromHexString(TestPrivateKey));
        byte[] publicKey = new byte[65];
        signer.GetPublicKey(publicKey, 0);
        byte[] header = new byte[128];
        var headerWriter = new CborWriter(header, 0, header.Length);
        headerWriter.WriteMapHeader(2);
        headerWriter.WriteInt64(CoseConstants.HeaderAlgorithm);
        headerWriter.WriteInt64(CoseConstants.AlgorithmEs256);
        headerWriter.WriteInt64(CoseConstants.HeaderX5Chain);
        headerWriter.WriteByteString(PlaceholderCertificate, 0, PlaceholderCertificate.Length);
        byte[] protectedHeader = header[..headerWriter.Length];
        byte[] sigStructure = new byte[512];
        var writer = new CborWriter(sigStructure, 0, sigStructure.Length);
        writer.WriteArrayHeader(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader, 0, protectedHeader.Length);
        writer.WriteByteString(Array.Empty<byte>(), 0, 0);
        writer.WriteByteString(payload, 0, payload.Length);
        byte[] message = new byte[CoseSign1Encoder.EncodedSize(PlaceholderCertificate.Length, payload.Length)];
        Assert.Equal(CoseStatus.Ok, new CoseSign1Encoder().Sign(signer, PlaceholderCertificate, 0, PlaceholderCertificate.Length, payload, 0, payload.Length, message, 0, message.Length, out _));
        return new JsonObject
        {
            ["privateKey"] = TestPrivateKey,
            ["publicKey"] = Hex(publicKey),
            ["certificate"] = Hex(PlaceholderCertificate),
            ["payload"] = Hex(payload),
            ["protectedHeader"] = Hex(protectedHeader),
            ["sigStructure"] = Hex(sigStructure[..writer.Length]),
            ["toBeSigned"] = Hex(SHA256.HashData(sigStructure.AsSpan(0, writer.Length))),
            ["coseSign1"] = Hex(message),
            ["recordDigest"] = Hex(SHA256.HashData(message)),
        };
    }

    private static void CheckOrWrite(string name, string description, JsonObject fields, JsonObject computed)
    {
        var document = new JsonObject { ["description"] = description, ["fields"] = fields };
        foreach ((string key, JsonNode? value) in computed)
        {
            document[key] = value?.DeepClone();
        }

        string path = Path.Combine(RepositoryPaths.Vectors, name);
        string text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Write)
        {
            File.WriteAllText(path, text);
        }

        JsonNode stored = Load(name);
        foreach ((string key, JsonNode? value) in document)
        {
            Assert.True(JsonNode.DeepEquals(value, stored[key]), $"{name}: '{key}' differs from the stored vector");
        }
    }

    private static JsonObject Fields(Manifest manifest) => new()
    {
        ["deviceId"] = manifest.DeviceId, ["sequence"] = manifest.Sequence, ["bootCount"] = manifest.BootCount,
        ["recordingId"] = manifest.RecordingId, ["contentLength"] = manifest.ContentLength, ["chunkSize"] = manifest.ChunkSizeBytes,
        ["contentDigest"] = Hex(manifest.ContentDigestBytes), ["previousRecordDigest"] = Hex(manifest.PreviousRecordDigest),
        ["signerKind"] = (int)manifest.SignerKind, ["wallStartMs"] = manifest.WallStartMs, ["wallEndMs"] = manifest.WallEndMs,
        ["monotonicStartMs"] = manifest.MonotonicStartMs, ["monotonicEndMs"] = manifest.MonotonicEndMs,
        ["clockState"] = (int)manifest.ClockState, ["lastSyncAgeMs"] = manifest.LastSyncAgeMs, ["uncertaintyMs"] = manifest.UncertaintyMs,
        ["timeFloorMs"] = manifest.TimeFloorMs, ["truncated"] = manifest.Truncated, ["lastReceiptDigest"] = Hex(manifest.LastReceiptDigest),
        ["kind"] = (int)manifest.Kind, ["event"] = (int)manifest.Event, ["eventDetail"] = manifest.EventDetail, ["version"] = manifest.Version,
    };

    /// <summary>
    /// What the camera of the manifest vector seals first after a power loss that burned sequence
    /// numbers 8, 9 and 10 (docs/evidence-format.md §5): sequence 11, the skipped count in
    /// eventDetail, and the link still on the last record it stored, the manifest vector.
    /// </summary>
    private static Manifest VectorPowerLossRecord(byte[] previousRecordDigest)
    {
        const long Skipped = 3;
        var record = new Manifest
        {
            DeviceId = "cam-vector-01",
            Sequence = 7 + 1 + Skipped,
            BootCount = 3,
            RecordingId = 0,
            ContentLength = 0,
            ChunkSizeBytes = 64,
            SignerKind = SignerKind.Software,
            WallStartMs = 1_767_226_000_000,
            WallEndMs = 1_767_226_000_000,
            MonotonicStartMs = 2_000,
            MonotonicEndMs = 2_000,
            ClockState = ClockState.Invalid,
            LastSyncAgeMs = 0,
            UncertaintyMs = 0,
            TimeFloorMs = 1_767_225_610_000,
            HasLastReceiptDigest = false,
            Kind = RecordKind.Continuity,
            Event = ContinuityEvent.PowerLossRecovery,
            EventDetail = Skipped,
        };
        var empty = new ContentDigest(new HostHmacSha256Factory(), record.ChunkSizeBytes);
        empty.Finish(record.ContentDigestBytes, 0);
        previousRecordDigest.CopyTo(record.PreviousRecordDigest, 0);
        return record;
    }

    [Fact]
    public void Power_Loss_Vector_Declares_Its_Gap_And_Links_Across_It_To_The_Manifest_Vector()
    {
        byte[] lastStored = Convert.FromHexString((string)Load("evidence-manifest.json")["coseSign1"]!);
        Manifest record = VectorPowerLossRecord(SHA256.HashData(lastStored));
        byte[] payload = ManifestCodecTests.Encode(record);
        CheckOrWrite(
            "evidence-power-loss.json",
            "A power-loss recovery record (docs/evidence-format.md section 5) sealed after sequence numbers 8 to 10 were burned: sequence 11, eventDetail 3, previousRecordDigest = SHA-256 of the coseSign1 of evidence-manifest.json (sequence 7). Signed with the public RFC 6979 A.2.5 test key; the certificate is a placeholder byte string.",
            Fields(record),
            Describe(payload));

        JsonNode stored = Load("evidence-power-loss.json");
        Assert.Equal(Hex(SHA256.HashData(lastStored)), (string)stored["fields"]!["previousRecordDigest"]!);
        Assert.Equal(7 + 1 + (long)stored["fields"]!["eventDetail"]!, (long)stored["fields"]!["sequence"]!);
        var decoded = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(payload, 0, payload.Length, new CborReader(), decoded, out _));
        Assert.Equal(ContinuityEvent.PowerLossRecovery, decoded.Event);
        Assert.Equal(RecordKind.Continuity, decoded.Kind);
    }

    [Fact]
    public void Manifest_Vector_Is_Reproduced_Byte_For_Byte()
    {
        Manifest manifest = VectorManifest();
        byte[] payload = ManifestCodecTests.Encode(manifest);
        JsonObject fields = Fields(manifest);
        CheckOrWrite("evidence-manifest.json", "A segment manifest (docs/evidence-format.md section 3) and its COSE_Sign1, signed with the public RFC 6979 A.2.5 test key (RFC 6979 nonces: the signature is deterministic). The certificate is a placeholder byte string, not a certificate.", fields, Describe(payload));

        var decoded = new Manifest();
        Assert.Equal(EvidenceStatus.Ok, ManifestCodec.Decode(payload, 0, payload.Length, new CborReader(), decoded, out _));
        Assert.Equal(payload, ManifestCodecTests.Encode(decoded));
    }

    [Fact]
    public void Receipt_Vector_Is_Reproduced_Byte_For_Byte()
    {
        Receipt receipt = VectorReceipt();
        byte[] buffer = new byte[EvidenceLimits.MaxReceiptBytes];
        var writer = new CborWriter(buffer, 0, buffer.Length);
        Assert.Equal(EvidenceStatus.Ok, receipt.Encode(writer, out _));
        var fields = new JsonObject
        {
            ["version"] = receipt.Version, ["deviceId"] = receipt.DeviceId, ["sequence"] = receipt.Sequence, ["contentLength"] = receipt.ContentLength,
            ["contentDigest"] = Hex(receipt.ContentDigestBytes), ["manifestDigest"] = Hex(receipt.ManifestDigest),
            ["serverTimeMs"] = receipt.ServerTimeMs, ["uploadId"] = receipt.UploadId,
        };
        CheckOrWrite("evidence-receipt.json", "A receipt (docs/evidence-format.md section 6) and its COSE_Sign1, signed with the public RFC 6979 A.2.5 test key. The certificate is a placeholder byte string.", fields, Describe(buffer[..writer.Length]));
    }

    [Fact]
    public void Stored_Vector_Signature_Verifies_With_Dot_Net_And_Core()
    {
        JsonNode vector = Load("evidence-manifest.json");
        byte[] message = Convert.FromHexString((string)vector["coseSign1"]!);
        byte[] publicKey = Convert.FromHexString((string)vector["publicKey"]!);
        var view = new CoseSign1Message();
        Assert.Equal(CoseStatus.Ok, view.Decode(message, 0, message.Length));
        byte[] digest = new byte[32];
        view.ComputeToBeSignedDigest(new Sha256(), digest, 0);
        Assert.Equal((string)vector["toBeSigned"]!, Hex(digest));
        Assert.Equal((string)vector["payload"]!, Hex(message[view.PayloadOffset..(view.PayloadOffset + view.PayloadLength)]));
        using ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] } });
        Assert.True(key.VerifyHash(digest, message.AsSpan(view.SignatureOffset, 64), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(EcdsaP256Verifier.Verify(publicKey, 0, digest, 0, message, view.SignatureOffset));
    }
}

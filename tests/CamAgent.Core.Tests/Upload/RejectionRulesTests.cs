using CamAgent.Core.Upload;

namespace CamAgent.Core.Tests.Upload;

/// <summary>Who a permanent refusal is about (docs/upload-protocol.md §7): the record, the device, or the device's own card.</summary>
public sealed class RejectionRulesTests
{
    [Theory]
    [InlineData(UploadFailure.BadRequest, "manifest-malformed")]
    [InlineData(UploadFailure.BadRequest, "manifest-signature-invalid")]
    [InlineData(UploadFailure.BadRequest, "length-mismatch")]
    [InlineData(UploadFailure.TooLarge, "segment-too-large")]
    [InlineData(UploadFailure.ContentDigestMismatch, "content-digest-mismatch")]
    [InlineData(UploadFailure.SequenceConflict, "sequence-conflict")]
    [InlineData(UploadFailure.ChainLinkMismatch, "chain-link-mismatch")]
    [InlineData(UploadFailure.LengthMismatch, null)]
    [InlineData(UploadFailure.ManifestTooLarge, null)]
    public void Refusals_That_Name_The_Records_Own_Bytes_Are_About_The_Record(UploadFailure failure, string? code) =>
        Assert.Equal(RejectionScope.Record, RejectionRules.ScopeOf(failure, code!));

    [Theory]
    [InlineData(UploadFailure.Forbidden, "device-revoked")]
    [InlineData(UploadFailure.Forbidden, "certificate-expired")]
    [InlineData(UploadFailure.Forbidden, "manifest-certificate-mismatch")]
    [InlineData(UploadFailure.BadRequest, "invalid-metadata")]
    [InlineData(UploadFailure.BadRequest, "malformed-request")]
    [InlineData(UploadFailure.BadRequest, "a-code-this-firmware-does-not-know")]
    [InlineData(UploadFailure.BadRequest, null)]
    [InlineData(UploadFailure.TooLarge, "body-too-large")]
    [InlineData(UploadFailure.VersionNotSupported, "tus-version-unsupported")]
    [InlineData(UploadFailure.UnsupportedMediaType, "unsupported-content-type")]
    [InlineData(UploadFailure.RequestRejected, null)]
    [InlineData(UploadFailure.UploadGone, "upload-gone")]
    [InlineData(UploadFailure.ReceiptInvalid, null)]
    public void Refusals_Of_The_Request_The_Credentials_Or_Anything_Unknown_Are_About_The_Device(UploadFailure failure, string? code) =>
        Assert.Equal(RejectionScope.Device, RejectionRules.ScopeOf(failure, code!));

    [Fact]
    public void Content_The_Device_Cannot_Read_From_Its_Card_Is_Its_Own_Affair() =>
        Assert.Equal(RejectionScope.Local, RejectionRules.ScopeOf(UploadFailure.ContentUnreadable, null!));
}

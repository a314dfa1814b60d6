namespace CamAgent.Verification;

/// <summary>
/// The extended key usage that marks the agency's receipt-signing certificate
/// (docs/evidence-format.md §6.1), and nothing else: a receipt verifies only when its signer
/// carries it, so a receipt re-signed with the server's TLS key, the bundle-signing key or a
/// device key is refused even when no receipt signer is pinned.
/// </summary>
public static class ReceiptSigningUsage
{
    /// <summary>
    /// The CamAgent arc: an OID derived from the UUID 390f7a99-e25d-4a85-8c0b-67f22d83efd9 under
    /// {joint-iso-itu-t uuid(25)} (ITU-T X.667, RFC 4122 appendix), which needs no registration
    /// and collides with no one; its sub-arcs are assigned by this project.
    /// </summary>
    public const string CamAgentArc = "2.25.75846366858555131595656447139860705241";

    /// <summary>id-kp-camagentReceiptSigning: arc 1 under <see cref="CamAgentArc"/>.</summary>
    public const string Oid = CamAgentArc + ".1";
}

namespace CamAgent.Ingest.Audit;

/// <summary>
/// What one audit line says about the refused handshakes and dropped connections of one source
/// address (or, for the overflow line, of every address past the per-window cap) during one
/// window. Attacker-controlled values arrive here already bounded: <paramref name="ClaimedSubject"/>
/// is a cut, sanitised copy of a certificate's subject CN, <paramref name="CertificateSha256"/> the
/// fingerprint of the whole certificate it came from.
/// </summary>
/// <param name="Since">Start of the window.</param>
/// <param name="Refused">Handshakes refused for their certificate (or its absence).</param>
/// <param name="Dropped">Connections closed before or during the handshake by the connection limits.</param>
/// <param name="Codes">Refusals per audit code (only the server's own code constants).</param>
/// <param name="Addresses">For the overflow line: how many addresses it sums up (0 otherwise).</param>
/// <param name="CertificateSha256">SHA-256 (hex) of the first certificate refused in the window, or null.</param>
/// <param name="ClaimedSubject">That certificate's subject CN as claimed (unverified), bounded, or null.</param>
public sealed record RefusalTally(
    DateTimeOffset Since,
    long Refused,
    long Dropped,
    IReadOnlyDictionary<string, long> Codes,
    long Addresses = 0,
    string? CertificateSha256 = null,
    string? ClaimedSubject = null);

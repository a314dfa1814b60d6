using System.Net.Security;
using CamAgent.Ingest.Tls;

namespace CamAgent.Ingest.Connections;

/// <summary>
/// Reads what a client sends at the start of a connection, as far as needed to find its TLS 1.2
/// Certificate message (RFC 5246 §7.4.6), which TLS 1.2 sends in the clear, and the cipher suites
/// its ClientHello offers (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2): one that offers none that
/// <see cref="CipherSuiteRule"/> allows ends the parse (<see cref="ClientFlight.NoAllowedCipherSuite"/>). Incremental: every
/// byte is looked at once, whatever pieces it arrives in. It stops (<see cref="ClientFlight.NotInspected"/>)
/// at anything else than plaintext handshake records holding ClientHello messages: a change of
/// cipher spec (TLS 1.3 middlebox compatibility, or a TLS 1.2 resumption), encrypted records
/// (TLS 1.3), an alert, a malformed record, or handshake data beyond <see cref="MaxHandshakeBytes"/>.
/// </summary>
internal sealed class ClientFlightParser
{
    /// <summary>Handshake bytes kept: a ClientHello and a certificate list of a device fit many times over; OpenSSL's own limit on a certificate list is 100 KiB.</summary>
    public const int MaxHandshakeBytes = 128 * 1024;

    private const byte Handshake = 22;
    private const int RecordHeaderBytes = 5;
    private const int MaxRecordBytes = (1 << 14) + 2048;
    private const byte ClientHello = 1;
    private const byte Certificate = 11;
    private const int MessageHeaderBytes = 4;

    private readonly byte[] _header = new byte[RecordHeaderBytes];
    private byte[] _handshake = new byte[4096];
    private int _headerFilled;
    private int _recordLeft;
    private int _handshakeLength;

    /// <summary>Where the parse stands; once not <see cref="ClientFlight.NeedMore"/>, it stays.</summary>
    public ClientFlight State { get; private set; } = ClientFlight.NeedMore;

    /// <summary>The first certificate of the list, once <see cref="State"/> is <see cref="ClientFlight.Certificate"/>.</summary>
    public byte[]? LeafCertificate { get; private set; }

    /// <summary>Consumes <paramref name="data"/>; returns the state after it.</summary>
    public ClientFlight Feed(ReadOnlySpan<byte> data)
    {
        while (State == ClientFlight.NeedMore && data.Length > 0)
        {
            if (_recordLeft == 0)
            {
                int take = Math.Min(RecordHeaderBytes - _headerFilled, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                data = data[take..];
                if (_headerFilled == RecordHeaderBytes)
                {
                    StartRecord();
                }

                continue;
            }

            int piece = Math.Min(_recordLeft, data.Length);
            Append(data[..piece]);
            _recordLeft -= piece;
            data = data[piece..];
            if (State == ClientFlight.NeedMore)
            {
                ParseMessages();
            }
        }

        return State;
    }

    private void StartRecord()
    {
        _headerFilled = 0;
        int length = (_header[3] << 8) | _header[4];
        bool plausible = _header[1] == 3 && length is > 0 and <= MaxRecordBytes;
        if (_header[0] != Handshake || !plausible)
        {
            // A change of cipher spec, an alert, application data (encrypted TLS 1.3), or not TLS:
            // no plaintext Certificate message can follow.
            State = ClientFlight.NotInspected;
            return;
        }

        _recordLeft = length;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_handshakeLength + bytes.Length > MaxHandshakeBytes)
        {
            State = ClientFlight.NotInspected;
            return;
        }

        if (_handshakeLength + bytes.Length > _handshake.Length)
        {
            Array.Resize(ref _handshake, Math.Min(MaxHandshakeBytes, Math.Max(_handshake.Length * 2, _handshakeLength + bytes.Length)));
        }

        bytes.CopyTo(_handshake.AsSpan(_handshakeLength));
        _handshakeLength += bytes.Length;
    }

    // Handshake messages may span records (RFC 5246 §6.2.1): parse the complete ones at the front.
    private void ParseMessages()
    {
        while (State == ClientFlight.NeedMore && _handshakeLength >= MessageHeaderBytes)
        {
            int length = ReadUInt24(_handshake, 1);
            if (MessageHeaderBytes + length > MaxHandshakeBytes)
            {
                State = ClientFlight.NotInspected;
                return;
            }

            if (_handshakeLength < MessageHeaderBytes + length)
            {
                return;
            }

            byte type = _handshake[0];
            if (type == Certificate)
            {
                ReadCertificateList(_handshake.AsSpan(MessageHeaderBytes, length));
                return;
            }

            if (type != ClientHello)
            {
                State = ClientFlight.NotInspected;
                return;
            }

            if (!OffersAllowedSuite(_handshake.AsSpan(MessageHeaderBytes, length)))
            {
                return;
            }

            int used = MessageHeaderBytes + length;
            Buffer.BlockCopy(_handshake, used, _handshake, 0, _handshakeLength - used);
            _handshakeLength -= used;
        }
    }

    // ClientHello: legacy_version(2) random(32) legacy_session_id<0..32> cipher_suites<2..2^16-2> ...
    // Sets the state when the parse ends here: malformed (the TLS stack refuses it on its own
    // terms) or no allowed suite offered.
    private bool OffersAllowedSuite(ReadOnlySpan<byte> hello)
    {
        const int SessionIdAt = 2 + 32;
        int suitesAt = SessionIdAt + 1 + (hello.Length > SessionIdAt ? hello[SessionIdAt] : 0);
        int suitesLength = hello.Length >= suitesAt + 2 ? (hello[suitesAt] << 8) | hello[suitesAt + 1] : -1;
        if (suitesLength < 2 || suitesLength % 2 != 0 || suitesAt + 2 + suitesLength > hello.Length)
        {
            State = ClientFlight.NotInspected;
            return false;
        }

        ReadOnlySpan<byte> suites = hello.Slice(suitesAt + 2, suitesLength);
        for (int i = 0; i < suites.Length; i += 2)
        {
            if (CipherSuiteRule.Allows((TlsCipherSuite)((suites[i] << 8) | suites[i + 1])))
            {
                return true;
            }
        }

        State = ClientFlight.NoAllowedCipherSuite;
        return false;
    }

    // struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate; each ASN.1Cert is <1..2^24-1>.
    private void ReadCertificateList(ReadOnlySpan<byte> body)
    {
        State = ClientFlight.NotInspected;
        if (body.Length < 3 || ReadUInt24(body, 0) != body.Length - 3)
        {
            return;
        }

        if (body.Length == 3)
        {
            State = ClientFlight.NoCertificate;
            return;
        }

        int leafLength = body.Length >= 6 ? ReadUInt24(body, 3) : 0;
        if (leafLength == 0 || 6 + leafLength > body.Length)
        {
            return;
        }

        LeafCertificate = body.Slice(6, leafLength).ToArray();
        State = ClientFlight.Certificate;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes, int offset) => (bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2];
}

using System.Buffers.Binary;
using System.Text;

namespace CamAgent.Cli.Egress;

/// <summary>
/// Reads the server name (SNI) from the first TLS record a client sent: a handshake record
/// (RFC 8446 §5.1, content type 22) holding a ClientHello (§4.1.2, handshake type 1) whose
/// server_name extension (RFC 6066 §3, type 0) carries a host_name entry (name type 0).
/// Only the first record is read: a ClientHello split over records is reported Malformed.
/// </summary>
public static class TlsClientHello
{
    private const byte HandshakeRecord = 22;
    private const byte ClientHelloType = 1;
    private const int RecordHeaderBytes = 5;
    private const int HandshakeHeaderBytes = 4;
    private const int RandomBytes = 32;
    private const ushort ServerNameExtension = 0;
    private const byte HostNameType = 0;

    /// <summary>Bytes the whole first record occupies, or -1 while its header is incomplete.</summary>
    public static int RecordLength(ReadOnlySpan<byte> data) =>
        data.Length < RecordHeaderBytes ? -1 : RecordHeaderBytes + BinaryPrimitives.ReadUInt16BigEndian(data[3..]);

    public static HelloStatus Read(ReadOnlySpan<byte> data, out string? serverName)
    {
        serverName = null;
        if (data.Length == 0)
        {
            return HelloStatus.Incomplete;
        }

        if (data[0] != HandshakeRecord || (data.Length > 1 && data[1] != 3))
        {
            return HelloStatus.NotTls;
        }

        int recordLength = RecordLength(data);
        if (recordLength < 0 || data.Length < recordLength)
        {
            return HelloStatus.Incomplete;
        }

        ReadOnlySpan<byte> record = data[RecordHeaderBytes..recordLength];
        if (record.Length < HandshakeHeaderBytes || record[0] != ClientHelloType)
        {
            return HelloStatus.Malformed;
        }

        int bodyLength = record[1] << 16 | record[2] << 8 | record[3];
        if (bodyLength > record.Length - HandshakeHeaderBytes)
        {
            return HelloStatus.Malformed;
        }

        return ReadBody(record.Slice(HandshakeHeaderBytes, bodyLength), out serverName);
    }

    // legacy_version, random, legacy_session_id, cipher_suites, legacy_compression_methods, extensions (RFC 8446 §4.1.2).
    private static HelloStatus ReadBody(ReadOnlySpan<byte> body, out string? serverName)
    {
        serverName = null;
        var reader = new SpanCursor(body);
        if (!reader.Skip(2 + RandomBytes) || !reader.SkipVector(1) || !reader.SkipVector(2) || !reader.SkipVector(1))
        {
            return HelloStatus.Malformed;
        }

        if (reader.AtEnd)
        {
            return HelloStatus.NoServerName;
        }

        if (!reader.ReadVector(2, out ReadOnlySpan<byte> extensions))
        {
            return HelloStatus.Malformed;
        }

        var list = new SpanCursor(extensions);
        while (!list.AtEnd)
        {
            if (!list.ReadUInt16(out ushort type) || !list.ReadVector(2, out ReadOnlySpan<byte> content))
            {
                return HelloStatus.Malformed;
            }

            if (type == ServerNameExtension)
            {
                return ReadServerName(content, out serverName);
            }
        }

        return HelloStatus.NoServerName;
    }

    private static HelloStatus ReadServerName(ReadOnlySpan<byte> content, out string? serverName)
    {
        serverName = null;
        var outer = new SpanCursor(content);
        if (!outer.ReadVector(2, out ReadOnlySpan<byte> names))
        {
            return HelloStatus.Malformed;
        }

        var list = new SpanCursor(names);
        while (!list.AtEnd)
        {
            if (!list.ReadByte(out byte nameType) || !list.ReadVector(2, out ReadOnlySpan<byte> name))
            {
                return HelloStatus.Malformed;
            }

            if (nameType == HostNameType)
            {
                serverName = Encoding.ASCII.GetString(name);
                return HelloStatus.ServerName;
            }
        }

        return HelloStatus.NoServerName;
    }
}

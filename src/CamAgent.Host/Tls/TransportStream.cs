using System.Net.Security;
using System.Security.Authentication;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Tls;

/// <summary>
/// The authenticated stream handed to Core: forwards to <see cref="SslStream"/> and turns its
/// failures into <see cref="TransportException"/> with a <see cref="TransportStatus"/>, as the
/// <see cref="ITlsConnector"/> contract asks. Not seekable.
/// A server may judge the client certificate only after the client considers the handshake done
/// (always with TLS 1.3; .NET servers also with TLS 1.2, where they validate after the OpenSSL
/// handshake): a refusal then shows up as the server closing the connection before the first byte
/// of the first answer. That case is reported as <see cref="TransportStatus.ClientCertificateRejected"/>,
/// because a mutual-TLS server has no other reason to hang up unanswered on a fresh connection.
/// </summary>
internal sealed class TransportStream(SslStream inner) : Stream
{
    private bool _receivedAny;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw Translate(e);
        }

        if (read == 0 && !_receivedAny && count > 0)
        {
            throw new TransportException(TransportStatus.ClientCertificateRejected, "the server closed a new connection without answering: client certificate refused");
        }

        _receivedAny |= read > 0;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            inner.Write(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw Translate(e);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException e)
        {
            throw Translate(e);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static TransportException Translate(Exception e)
    {
        return new TransportException(TransportErrors.FromStreamFailure(e), e.GetBaseException().Message);
    }
}

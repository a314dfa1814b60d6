using System.Net.Security;
using System.Security.Authentication;
using CamAgent.Core.Platform;

namespace CamAgent.Host.Tls;

/// <summary>
/// The authenticated stream handed to Core: forwards to <see cref="SslStream"/> and turns its
/// failures into <see cref="TransportException"/> with a <see cref="TransportStatus"/>, as the
/// <see cref="ITlsConnector"/> contract asks. Not seekable.
/// </summary>
internal sealed class TransportStream(SslStream inner) : Stream
{
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
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            throw Translate(e);
        }
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

namespace CamAgent.Core.Http
{
    /// <summary>Outcome of writing a request or reading a response. Anything but Ok leaves the connection unusable.</summary>
    public enum HttpResult
    {
        Ok = 0,

        /// <summary>The peer closed the connection before a complete message (Read returned 0).</summary>
        ConnectionClosed = 1,

        /// <summary>The stream failed (timeout, reset, TLS alert); see the connection's TransportStatus.</summary>
        TransportFailed = 2,

        /// <summary>The request head does not fit the request buffer.</summary>
        RequestTooLarge = 3,

        /// <summary>The status line exceeds <see cref="HttpLimits.MaxStatusLineBytes"/>.</summary>
        StatusLineTooLong = 4,

        /// <summary>A header line exceeds <see cref="HttpLimits.MaxHeaderLineBytes"/>.</summary>
        HeaderLineTooLong = 5,

        /// <summary>More header fields than <see cref="HttpLimits.MaxHeaderCount"/>.</summary>
        TooManyHeaders = 6,

        /// <summary>The response head exceeds the response buffer.</summary>
        HeadTooLarge = 7,

        /// <summary>The status line is not "HTTP/1.x SP 3DIGIT SP reason" (RFC 9112 §4).</summary>
        MalformedStatusLine = 8,

        /// <summary>Not HTTP/1.0 or HTTP/1.1.</summary>
        UnsupportedVersion = 9,

        /// <summary>A field line is not "token ':' OWS value OWS", contains control bytes, a bare CR/LF, or is folded (RFC 9112 §5).</summary>
        MalformedHeader = 10,

        /// <summary>Content-Length is not 1*DIGIT, overflows, or appears twice with different values (RFC 9112 §6.3).</summary>
        BadContentLength = 11,

        /// <summary>More interim (1xx) responses than <see cref="HttpLimits.MaxInterimResponses"/>.</summary>
        TooManyInterimResponses = 12,
    }
}

namespace CamAgent.Ingest.Evidence;

/// <summary>
/// An in-order content digest fed with received bytes in pieces of any size (PATCH bodies are
/// not chunk aligned). Memory is O(chunk size) whatever the content length.
/// </summary>
public interface IContentDigestAccumulator
{
    /// <summary>Bytes appended so far.</summary>
    long LengthBytes { get; }

    /// <summary>Appends <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    void Append(byte[] buffer, int offset, int count);

    /// <summary>Finishes the digest over everything appended; the accumulator is then spent.</summary>
    byte[] Finish();
}

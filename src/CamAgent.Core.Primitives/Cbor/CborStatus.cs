namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// Outcomes of CBOR encoding and decoding. Hostile input only ever produces one of these,
    /// never an exception. Once a reader or writer reports a failure it keeps reporting it.
    /// </summary>
    public enum CborStatus
    {
        Ok = 0,

        /// <summary>The writer's buffer cannot hold the item.</summary>
        BufferTooSmall = 1,

        /// <summary>The input ended inside an item.</summary>
        Truncated = 2,

        /// <summary>Bytes follow the single top-level item.</summary>
        TrailingBytes = 3,

        /// <summary>Reserved additional-information values 28..30 (RFC 8949 §3).</summary>
        Malformed = 4,

        /// <summary>An argument or length not in its shortest form (RFC 8949 §4.2.1).</summary>
        NonCanonical = 5,

        /// <summary>Indefinite-length items are refused (RFC 8949 §4.2.1).</summary>
        IndefiniteLength = 6,

        /// <summary>Tags, floats, undefined and other simple values are outside the profile.</summary>
        Unsupported = 7,

        /// <summary>Nesting deeper than <see cref="CborLimits.MaxDepth"/>.</summary>
        TooDeep = 8,

        /// <summary>A string or container larger than the reader's limits.</summary>
        TooLarge = 9,

        /// <summary>Map keys not in bytewise order of their encodings (RFC 8949 §4.2.1).</summary>
        KeyOrder = 10,

        /// <summary>The same map key twice (RFC 8949 §5.6).</summary>
        DuplicateKey = 11,

        /// <summary>A map key that is an array or a map.</summary>
        UnsupportedKey = 12,

        /// <summary>The next item is not of the type the caller asked for.</summary>
        UnexpectedType = 13,

        /// <summary>An integer that does not fit the requested .NET type.</summary>
        Overflow = 14,

        /// <summary>A text string that is not well-formed UTF-8 (RFC 8949 §3.1, major type 3).</summary>
        InvalidUtf8 = 15,

        /// <summary>A read past the end of the top-level item, or an end check with items still open.</summary>
        NoMoreItems = 16,

        /// <summary>Containers still expect items when the caller asserted the end.</summary>
        Incomplete = 17,
    }
}

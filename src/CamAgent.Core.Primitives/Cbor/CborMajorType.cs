namespace CamAgent.Core.Cbor
{
    /// <summary>CBOR major types (RFC 8949 §3.1). Values are the 3-bit major type numbers.</summary>
    public enum CborMajorType
    {
        UnsignedInteger = 0,
        NegativeInteger = 1,
        ByteString = 2,
        TextString = 3,
        Array = 4,
        Map = 5,
        Tag = 6,
        SimpleOrFloat = 7,
    }
}

namespace CamAgent.Core.Platform
{
    /// <summary>
    /// One-shot HMAC-SHA256 with a key fixed when the instance is created. This is the only hash
    /// primitive that stock nanoFramework firmware runs natively (HMACSHA256.ComputeHash(byte[])),
    /// so the contract takes the whole array: implementations hash all of <paramref name="data"/>.
    /// Callers that need to hash a varying amount use a fixed-size buffer (see docs/evidence-format.md).
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes the 32-byte MAC of all of <paramref name="data"/> into <paramref name="mac"/> at <paramref name="macOffset"/>.</summary>
        void Compute(byte[] data, byte[] mac, int macOffset);
    }
}

namespace CamAgent.Core.Platform
{
    /// <summary>Random bytes (retry jitter, upload ids). Not used for key material or ECDSA nonces.</summary>
    public interface IRandomSource
    {
        void Fill(byte[] buffer, int offset, int count);
    }
}

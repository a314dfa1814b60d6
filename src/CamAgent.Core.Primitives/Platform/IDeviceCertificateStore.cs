namespace CamAgent.Core.Platform
{
    /// <summary>
    /// Where the device keeps its certificate (DER; public data, so plain flash is fine when the
    /// key lives in a secure element). Implementations replace the stored certificate atomically:
    /// after a power cut either the old or the new one is there, never a mix.
    /// </summary>
    public interface IDeviceCertificateStore
    {
        /// <summary>True when a certificate has been installed.</summary>
        bool HasCertificate { get; }

        /// <summary>Stores <paramref name="count"/> bytes of DER; false if the storage failed (nothing changed).</summary>
        bool Write(byte[] certificate, int offset, int count);
    }
}

using CamAgent.Core.Platform;

namespace CamAgent.Core.Config
{
    /// <summary>Creates the software signer for a 32-byte P-256 private key (device: the managed EcdsaP256Signer).</summary>
    public delegate ISigner SoftwareSignerFactory(byte[] privateKey32);
}

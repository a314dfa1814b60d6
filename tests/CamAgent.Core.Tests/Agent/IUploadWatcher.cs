using CamAgent.Core.Evidence;

namespace CamAgent.Core.Tests.Agent;

/// <summary>What a rule oracle sees of the <see cref="InMemoryTusServer"/>: every creation, completion and error answer.</summary>
public interface IUploadWatcher
{
    /// <summary>A creation arrived with <paramref name="manifest"/> (COSE bytes), before the server applies its own rules.</summary>
    void Created(byte[] manifest, Manifest parsed);

    /// <summary>The server stored the record with <paramref name="content"/> and issued its receipt.</summary>
    void Completed(Manifest parsed, byte[] content);

    /// <summary>The server answered with an error status.</summary>
    void Refused(int status, string code);
}

using CamAgent.Core.Platform;

namespace CamAgent.Core.Tests.Fakes;

/// <summary>
/// Stands in for the radio and the TLS stack (which cannot exist in a unit test): records every
/// dial that reached the platform and answers with a scripted status.
/// </summary>
public sealed class CountingConnector : ITlsConnector
{
    public List<(string Host, int Port)> Dials { get; } = new();

    public TransportStatus Answer { get; set; } = TransportStatus.NoNetwork;

    public bool Recording { get; set; } = true;

    public TransportStatus Connect(string host, int port, int timeoutMs, out Stream stream)
    {
        if (Recording)
        {
            Dials.Add((host, port));
        }

        stream = Answer == TransportStatus.Ok ? new MemoryStream() : null!;
        return Answer;
    }
}

using System.IO.Pipelines;

namespace CamAgent.Ingest.Connections;

/// <summary>A connection's transport with its input read through an <see cref="InspectingPipeReader"/>.</summary>
internal sealed class InspectedTransport : IDuplexPipe
{
    public InspectedTransport(PipeReader input, PipeWriter output)
    {
        Input = input;
        Output = output;
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }
}

namespace CamAgent.Ingest;

/// <summary>The configuration or one of the files it names is missing, malformed or unsafe.</summary>
public sealed class IngestConfigurationException : Exception
{
    public IngestConfigurationException(string message)
        : base(message)
    {
    }

    public IngestConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

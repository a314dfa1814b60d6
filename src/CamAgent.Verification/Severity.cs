namespace CamAgent.Verification;

/// <summary>How a finding bears on the verdict.</summary>
public enum Severity
{
    /// <summary>Context for the reader; no doubt on the evidence.</summary>
    Info,

    /// <summary>Worth attention, but the evidence stays valid.</summary>
    Warning,

    /// <summary>The evidence is not valid.</summary>
    Error,
}

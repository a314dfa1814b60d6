namespace CamAgent.Provisioning.Boards;

/// <summary>The outcome of reading a board profile: the profile, or every problem found ("field: reason").</summary>
public sealed record BoardValidation(BoardProfile? Profile, IReadOnlyList<string> Errors)
{
    public bool Ok => Profile is not null && Errors.Count == 0;
}

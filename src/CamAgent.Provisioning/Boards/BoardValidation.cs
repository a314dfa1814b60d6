using CamAgent.Core.Board;

namespace CamAgent.Provisioning.Boards;

/// <summary>
/// The outcome of reading a board profile: the profile and its JSON text (what goes into a device
/// bundle, byte for byte), or every problem found ("field: reason").
/// </summary>
public sealed record BoardValidation(BoardProfile? Profile, string Json, IReadOnlyList<string> Errors)
{
    public bool Ok => Profile is not null && Errors.Count == 0;
}

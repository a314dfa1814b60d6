namespace CamAgent.Core.Board
{
    /// <summary>The value types a flat board profile may hold.</summary>
    public enum JsonValueKind
    {
        String = 0,
        Integer = 1,
        Boolean = 2,
    }
}
